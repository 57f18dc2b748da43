import { HTTP_PATH_REQUIREMENTS, HttpPathRequirement } from '../../../core/requirements/paths/http';
import type { PathKind } from '../path-record';
import { evaluateHttpRequirement } from './evaluate';

/**
 * HTTP paths: requests on :80 and :443 through the load balancer, the listener on the port, its TLS policy, the web
 * ACL, the listener rules by priority and the action taken, as ELB and WAF evaluate them.
 */
export const HTTP_PATHS: PathKind<HttpPathRequirement> = {
  kind: 'http',
  title: 'Http',
  requirements: HTTP_PATH_REQUIREMENTS,
  evaluate: evaluateHttpRequirement,
};
