/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { fail, pass, RuleDefinition } from '../../rule';

/** No policy allows every action on every resource. */
export const NO_ADMIN_STATEMENT: RuleDefinition = {
  id: 'IAM3',
  level: NagMessageLevel.ERROR,
  appliesTo: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'],
  checklist: 'Least privilege for every mesh role',
  info: 'A policy statement allows Action "*" on Resource "*".',
  explanation: 'An administrator statement on a mesh role (a project, provisioning or application role) bypasses Lake Formation and the catalog: whoever assumes the role reads and changes everything.',
  fix: 'Allow the actions and resources the role needs; SageMaker Unified Studio\'s managed policies cover the service roles.',
  check: (resource) => {
    const documents = resource.type === 'AWS::IAM::Role'
      ? (Array.isArray(resource.properties.Policies) ? resource.properties.Policies.map((p: any) => p?.PolicyDocument) : [])
      : [resource.properties.PolicyDocument];
    const admin = documents.some((document: any) => [].concat(document?.Statement ?? []).some((s: any) =>
      s?.Effect === 'Allow' && [].concat(s.Action ?? []).includes('*' as never) && [].concat(s.Resource ?? []).includes('*' as never)));
    return admin ? fail('Allow Action "*" on Resource "*"') : pass();
  },
};
