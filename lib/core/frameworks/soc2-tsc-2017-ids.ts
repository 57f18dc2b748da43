/**
 * The criteria of the AICPA 2017 Trust Services Criteria (with the revised points of focus, 2022), ids only: the
 * texts are the AICPA's and not free to ship. Common criteria CC1-CC9, then availability (A), confidentiality (C),
 * processing integrity (PI) and privacy (P).
 */
const range = (prefix: string, last: number): string[] => Array.from({ length: last }, (_, i) => `${prefix}${i + 1}`);

export const SOC2_TSC_2017_IDS: readonly string[] = [
  ...range('CC1.', 5),
  ...range('CC2.', 3),
  ...range('CC3.', 4),
  ...range('CC4.', 2),
  ...range('CC5.', 3),
  ...range('CC6.', 8),
  ...range('CC7.', 5),
  ...range('CC8.', 1),
  ...range('CC9.', 2),
  ...range('A1.', 3),
  ...range('C1.', 2),
  ...range('PI1.', 5),
  ...range('P1.', 1),
  ...range('P2.', 1),
  ...range('P3.', 2),
  ...range('P4.', 3),
  ...range('P5.', 2),
  ...range('P6.', 7),
  ...range('P7.', 1),
  ...range('P8.', 1),
];
