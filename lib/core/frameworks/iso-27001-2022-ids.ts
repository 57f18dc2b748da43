/**
 * The controls of ISO/IEC 27001:2022 Annex A, ids only (the texts are ISO's and not free to ship): organizational
 * controls A.5.1-A.5.37, people A.6.1-A.6.8, physical A.7.1-A.7.14, technological A.8.1-A.8.34; 93 in all.
 */
const range = (prefix: string, last: number): string[] => Array.from({ length: last }, (_, i) => `${prefix}${i + 1}`);

export const ISO_27001_2022_IDS: readonly string[] = [
  ...range('A.5.', 37),
  ...range('A.6.', 8),
  ...range('A.7.', 14),
  ...range('A.8.', 34),
];
