/** The account answered, but the answer cannot establish the fact (never evaluated, drift never detected): UNKNOWN. */
export class NotEstablished extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'NotEstablished';
  }
}
