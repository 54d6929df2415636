/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { RuleDefinition } from '../rule';
import { ENDPOINT_SECURITY_GROUP_NOT_OPEN } from './vpc/endpoint-security-group-not-open';
import { ENDPOINTS_FOR_MESH_SERVICES } from './vpc/endpoints-for-mesh-services';
import { NO_INTERNET_GATEWAY_ROUTE } from './vpc/no-internet-gateway-route';
import { NO_PUBLIC_IP_ON_LAUNCH } from './vpc/no-public-ip-on-launch';
import { SUBNETS_SPAN_TWO_AZS } from './vpc/subnets-span-two-azs';

/** Every rule of the DataMeshChecks pack, in RULES.md order. */
export const ALL_RULES: readonly RuleDefinition[] = [
  SUBNETS_SPAN_TWO_AZS,
  NO_INTERNET_GATEWAY_ROUTE,
  NO_PUBLIC_IP_ON_LAUNCH,
  ENDPOINTS_FOR_MESH_SERVICES,
  ENDPOINT_SECURITY_GROUP_NOT_OPEN,
];
