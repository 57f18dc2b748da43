import { fillIn } from '../../config/placeholders';

/** The config file bin/app.ts reads; every value the platform cannot guess is a placeholder the user must replace. */
export const CONFIG_FILE = 'platform.config.json';
/** The dump recipient's public key, kept beside the config (an armored block reads badly inside JSON). */
export const DUMP_KEY_FILE = 'dump-key.asc';

/**
 * platform.config.json as `init` writes it. Settings with a secure default are left out (lib/config/defaults.ts);
 * bin/app.ts merges the file over the library's reference config, which supplies the security.txt expiry (renewed
 * monthly) and the preferred languages. Anything the file leaves to the reference that is a placeholder there fails
 * synth too.
 */
export function configTemplate(environment: string): string {
  const config = {
    environmentName: environment,
    account: fillIn('the 12-digit id of the AWS account to deploy to'),
    primaryRegion: {
      region: fillIn('the AWS region that serves traffic, such as eu-west-1'),
      availabilityZones: [
        fillIn('three availability zones of the primary region, such as eu-west-1a, eu-west-1b, eu-west-1c'),
      ],
    },
    recoveryRegion: {
      region: fillIn('a second AWS region that keeps the backup copies, such as eu-central-1'),
      availabilityZones: [
        fillIn('three availability zones of the recovery region, such as eu-central-1a, eu-central-1b, eu-central-1c'),
      ],
    },
    domainName: fillIn("your platform's public host name, the one the certificate is for"),
    certificateArn: fillIn('the ARN of an ACM certificate for domainName, issued in the primary region and account'),
    alertEmails: [fillIn("a monitored address of your team's, which hears of a breach (MONITOR-3)")],
    securityContact: {
      contacts: [fillIn("your security team's mailto: address or https: page (RFC 9116 Contact)")],
      policyUrl: fillIn('the https URL of your published security response page'),
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** dump-key.asc as `init` writes it: a placeholder in place of the armored public key. */
export function dumpKeyTemplate(): string {
  return `${fillIn(`the public key of whoever may read the database dumps, written into ${DUMP_KEY_FILE} with 'gpg --armor --export KEY-ID > ${DUMP_KEY_FILE}' (an encryption subkey valid for at least a year; never the private key)`)}\n`;
}
