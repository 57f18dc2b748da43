export * from './locked-backup-vault';
export * from './cross-region-backup';
export * from './gpg-dump-task';
export * from './backup-break-glass-role';
