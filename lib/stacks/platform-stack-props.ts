import { StackProps } from 'aws-cdk-lib';
import type { ResolvedPlatformConfig } from '../config/resolve-config';

/** What every platform stack receives: the validated config with defaults filled in. */
export interface PlatformStackProps extends StackProps {
  readonly config: ResolvedPlatformConfig;
}
