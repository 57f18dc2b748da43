export * from './locked-backup-vault';
export * from './cross-region-backup';
export * from './gpg-dump-task';
export * from './gpg-dump-check';
export * from './backup-break-glass-role';
export * from './restore-testing';
export * from './restore-validation';
