/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Token } from 'aws-cdk-lib';
import { TRUST_BINDING_TYPE } from '../../../contract';
import { MeshIndex } from '../../mesh-index';
import { environmentsOf } from '../profile/profile';

/** The accounts that play each mesh role in the app, read from CloudFormation resources. */
export interface MeshAccounts {
  readonly producers: Set<string>;
  readonly consumers: Set<string>;
}

/**
 * Producer accounts publish data (a data source or a registered location in their stacks, or a profile
 * without DataLake targets them); consumer accounts consume it (a binding in their stacks, or a profile
 * with DataLake targets them). Environment-agnostic stacks are left out (the rules that need them say so).
 */
export function meshAccounts(mesh: MeshIndex): MeshAccounts {
  const producers = new Set<string>();
  const consumers = new Set<string>();
  const literal = (account: string | undefined) => account !== undefined && !Token.isUnresolved(account);
  for (const type of ['AWS::DataZone::DataSource', 'AWS::LakeFormation::Resource']) {
    mesh.allOfType(type).map((r) => r.stack.account).filter(literal).forEach((a) => producers.add(a));
  }
  mesh.allOfType(TRUST_BINDING_TYPE).map((r) => r.stack.account).filter(literal).forEach((a) => consumers.add(a));
  for (const profile of mesh.allOfType('AWS::DataZone::ProjectProfile')) {
    const environments = environmentsOf(profile);
    const consumerProfile = environments.some((e) => e.name === 'Lakehouse Database' || e.blueprintId === 'DataLake');
    for (const e of environments) {
      if (literal(e.account)) {
        (consumerProfile ? consumers : producers).add(e.account!);
      }
    }
  }
  return { producers, consumers };
}
