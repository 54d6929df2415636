/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PythonProvider } from './python-provider';
import { PROJECT_ROLE_LOOKUP_TYPE } from '../contract';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { PROJECT_ROLE_LOOKUP_TYPE };

/**
 * A custom resource that waits for the role SageMaker Unified Studio creates for a project in this
 * account (`datazone_usr_role_<project id>_*`); its attributes are `RoleArn` and `RoleName`.
 */
export function lookUpProjectRole(scope: Construct, id: string, projectId: string): CustomResource {
  const provider = PythonProvider.of(scope, {
    handler: 'project_role',
    description: 'finds the project role SageMaker Unified Studio created in this account',
    statements: [new iam.PolicyStatement({ sid: 'ListRoles', actions: ['iam:ListRoles'], resources: ['*'] })],
    acknowledgements: [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'iam:ListRoles supports no resource-level permissions; it is read-only.' }],
    waits: true,
  });
  return new CustomResource(scope, id, {
    serviceToken: provider.serviceToken,
    resourceType: PROJECT_ROLE_LOOKUP_TYPE,
    properties: { ProjectId: projectId, TimeoutSeconds: '1800' },
  });
}
