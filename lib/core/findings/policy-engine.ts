/**
 * The IAM policy engine the flow proofs need, as every message about its absence names it. In core, so the synth
 * gate can name it without standing on the flows.
 */

/** The engine's package: AGPL-3.0, so an optional peer dependency of this library and a devDependency of its CI. */
export const POLICY_ENGINE_PACKAGE = '@cloud-copilot/iam-simulate';

/** The versions of the engine this library is tested with: its optional peer dependency range. */
export const POLICY_ENGINE_VERSION_RANGE = '^0.1.173';

/** How to install the engine. */
export const POLICY_ENGINE_INSTALL = `npm install --save-dev ${POLICY_ENGINE_PACKAGE}@${POLICY_ENGINE_VERSION_RANGE}`;

/** What a flow proof's failure says when the engine is not installed (the gate names it once, by this text). */
export const POLICY_ENGINE_MISSING = `the IAM policy engine ${POLICY_ENGINE_PACKAGE} is not installed`;
