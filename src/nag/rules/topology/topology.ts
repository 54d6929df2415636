/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { FUNCTION_BINDING_TYPE, TRUST_BINDING_TYPE } from '../../../contract';
import { MeshIndex } from '../../mesh-index';

/** The accounts that play each mesh role in the app, read from what their stacks do. */
export interface MeshAccounts {
  readonly producers: Set<string>;
  readonly consumers: Set<string>;
}

/** Resources whose stack's account owns data it publishes: data sources and data locations registered with Lake Formation. */
export const PRODUCER_TYPES: readonly string[] = ['AWS::DataZone::DataSource', 'AWS::LakeFormation::Resource'];

/**
 * Resources whose stack's account consumes published data: bindings of an application to a project role,
 * and subscription targets. A subscription request itself is a DataZone call that may be made from any
 * account (this library makes it from the governance account), so it says nothing of its stack's account.
 */
export const CONSUMER_TYPES: readonly string[] = [TRUST_BINDING_TYPE, FUNCTION_BINDING_TYPE, 'AWS::DataZone::SubscriptionTarget'];

/**
 * Producer accounts publish data (a data source or a registered location in their stacks); consumer
 * accounts consume it (a binding or a subscription target in their stacks). The profiles an account is
 * offered say nothing of its role: AWS's samples offer one profile with every capability to every account.
 * Environment-agnostic stacks are left out (the rules that need them say so).
 */
export function meshAccounts(mesh: MeshIndex): MeshAccounts {
  const accountsOf = (types: readonly string[]) => new Set(types.flatMap((type) => mesh.allOfType(type))
    .map((r) => r.stack.account)
    .filter((account) => !Token.isUnresolved(account)));
  return { producers: accountsOf(PRODUCER_TYPES), consumers: accountsOf(CONSUMER_TYPES) };
}
