import { PlatformConfig } from './platform-config';

/**
 * Public half of a throwaway key generated for the reference platform only; its private half was discarded, so
 * dumps of a platform deployed with this key can never be read. Replace it with your own recipient's key.
 */
export const REFERENCE_DUMP_PUBLIC_KEY = `
-----BEGIN PGP PUBLIC KEY BLOCK-----

mQGNBGsFxf8BDACktgNvZEhDTd3r+Boa7mt3AVSEfZt20W+0h1IqhX0lBj3pq/sZ
TO97CI09x2kWokDgiwhY3J0OSvUeX6KkEWYhQjDiNIfpIHViMkHpt7nv2D7AcPSi
/uYDsa/SDqd5MZ/YXTkUwfC9LdoNNHVvmS+M1E5PStqxJSeZZVC2RjY7yrJPdqCD
6YtzzUSGQ9HobhMjcjmejdZ1y4Hp7D7HC6qtFEQC0PVQgzxFUq3/2+ZH+g8hhxAF
HPsrUinbiBdqllOuV0Zz+KA68JtkKarS99NmejzYCIEX/iU5BpIoDiAu6Oja0OU2
ZQEMoetmfK0gGUjYbeNUall9xFaEretlvfbNYgvU4zwMOqd+fNqQojUrQD+5eIMH
UwYLdz7UApRCoIvCGr2LH/i3/jltHEV7Xa2sV3fbo3FnR6Fzd1gyCsQ2XcsWqPpw
utn8IWExEj33Y/HSvNL1hj1uEvX2ukuCDHlcga4+LnD/XMCles2XkywAtCD4yU45
+bF00Bh5zeMHjWcAEQEAAbQ/UG9ja2V0Q0lUWSByZWZlcmVuY2UgZHVtcCBrZXkg
KHBsYWNlaG9sZGVyKSA8ZHVtcHNAZXhhbXBsZS5jb20+iQHOBBMBCgA4FiEE4Xi3
TlgWczxmllidEiW8dSudydoFAmsFxf8CGwMFCwkIBwIGFQoJCAsCBBYCAwECHgEC
F4AACgkQEiW8dSudydqJ5QwAhjbj6SfPvm5uxyncsF7XJFHpTp9GB9waG46IG8VR
tZpXy08uyM91tjA9pQD2Tfn1OX2pe4sz2MnyJQeL2Hz7hLAMnylTO6yIEjlG2NQ1
Ua5ek0oqAxIcNkkaSYK9st/o+ItNwlBOuX9o4g9C7L0GVovY8cuBUwAJhaA1nXrl
TGlPK3zM/IJrOHpUUREgsmtBfLN6PwsmuciXZ19KKej7Y6uktnC/Duo7SU0Wa1cZ
EsRyI0WeULpiov6JPH1I2DZ1HwU0jL+VO12O2M3C73xnKOlDf2jvf8GOrU8R6W97
05AcmwSlkLdnwVi71n/0D/58B9IEhn/QaIS+Ddh1kG/J0mQ4oXCaNZl29TfQ9HdH
F1MTJfFAK0wj9nX8XzVi1ecKDTmibWgyTOGwjUuRDHuwaYEMdasrS0FDTNqjp6C4
W/Kjy/sAcRTA53pqemA2eFF9nXY7ou2HFg1zOwooVP68svh8p3lPuISTvfR0413g
syBmeaGLXM7vfSlWkML8UxehuQGNBGsFxf8BDACysdjzvd94p/9cN96YeCjmsHVz
JPEdD3vVrB9Pd21O1L8l2+LvGBs9+0p5O8NV2tGQC1FMgYzyEFh9BZaDXz9ZSMgb
neV8cDHYArx+cbr4KVp5Xqwf8nsq23iFBjvBDaq0wdVFwr8jt4Qt5BrZfKgMKj5B
97BfoMpAbFl15vpapeMY/xXfUJYVFKqTCAF+gs8azZGrwBmysCITfVyvp+gLj5cY
3GQ0CJdNVevg86K3e5d73Z6yK4H9SF1smNevF5mi9KlN9V6bs3DivCiL5vo9hZwX
k60YZPD+SzatKIcu+KBuzVG7V2TDpKZoU8tcZn1JmwW5noWKaRw/y2raTuHbKO4B
d8TI8lMOtgEUhg8vQ7IIUJhCtXyZMq23ucp/WFXz7dVKXUQNvylf5HTrp+QvVPY1
W1IBB4whgYMODyzLTE7RZlhp6LMexeM8iWvb912vqyMa1zEdRgU3YDtu5izdYNX5
lA7qr7VSmJHu2/VEz0+Z7S+P14ZTdoFWsPtH3pkAEQEAAYkBtgQYAQoAIBYhBOF4
t05YFnM8ZpZYnRIlvHUrncnaBQJrBcX/AhsMAAoJEBIlvHUrncnajSQMAINcl/TP
sHiSQhWJwZXyT5mn3dFVq8t7C37RrCgHTnnR6FZxiPVtpRaC6Pqzi2wh2zZ3QbFl
4FOZQDof5+V2Tkyuy7Zb4icTUCIiYWE5b60xnn6G1dpmzClH3ADZbxECbrPtA1LX
SfrK0Ar10Nm3FX5pgt3S9p4IFlyqmzwxPB0lJw5dgotGFnmTktAHOyQeMPnHobr8
WJb4+2tfhjvn1y5Vt9tWmF7DJjIaw5ulPBKbVLuzsV5b9nmCJoAEoPY2blKgTyoE
XelqShRTH9i6K7B4+RtVxjbrr3buWFeGordnk9Orr1Vfz/02KeWglC5Wkz7hwvY1
6Pmhm8+EdYUDgbyzNR1udgh3CRdRwCtAjB5EKqrL4O7lcSJHZbPbb8GUO+GWl5Aj
nuuSacMstj9Khn+9ChqSQw+MEb0zE2Po6U9Q4ciITUXXd5BkG/8Yp3IQzv9g1Yzf
gnrYPrr8ipPjpY14roNiZoeJCeBQaxkbfzfZ6jdYLRci4uSL9mCM04SUAQ==
=M3Z9
-----END PGP PUBLIC KEY BLOCK-----
`.trim();

/**
 * security.txt must expire within a year (RFC 9116); the reference renews itself to the first day of the month
 * ten months ahead, so it never goes stale in CI. A real deployment pins a date and renews it on a schedule.
 */
export function referenceSecurityTxtExpiry(now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 10, 1)).toISOString();
}

/**
 * The reference platform: synthesizes offline with a placeholder account and no lookups. Copy it and put in your
 * own account, domain, certificate, contacts and dump key.
 */
export function referencePlatformConfig(
  overrides: Partial<PlatformConfig> = {},
  now: Date = new Date(),
): PlatformConfig {
  return {
    environmentName: 'prod',
    account: '123456789012',
    primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
    recoveryRegion: { region: 'eu-central-1', availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
    domainName: 'app.pocketcity.example',
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000',
    alertEmails: ['security@pocketcity.example'],
    securityContact: {
      contacts: ['mailto:security@pocketcity.example', 'https://pocketcity.example/security/response'],
      expires: referenceSecurityTxtExpiry(now),
      policyUrl: 'https://pocketcity.example/security/response',
      preferredLanguages: ['en'],
    },
    dump: { gpgPublicKey: REFERENCE_DUMP_PUBLIC_KEY },
    ...overrides,
  };
}
