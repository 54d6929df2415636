/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';

/**
 * A producer's Lake Formation grant, revocation and Glue data source bound to a connection (unless `connection`
 * is false; with `run`, a run at deploy), written as raw resources.
 */
export function l1Publication(
  stack: Stack, options: { dependOnGrant?: boolean; revoke?: boolean; database?: string; run?: boolean; connection?: boolean } = {},
) {
  const database = options.database ?? 'collections';
  const grant = new lakeformation.CfnPrincipalPermissions(stack, 'Grant', {
    principal: { dataLakePrincipalIdentifier: 'arn:aws:iam::111111111111:role/datazone_usr_role_p_e' },
    resource: { database: { catalogId: '111111111111', name: 'collections' } },
    permissions: ['DESCRIBE'],
    permissionsWithGrantOption: [],
  });
  if (options.revoke ?? true) {
    new CustomResource(stack, 'Revoke', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:revoke', resourceType: 'Custom::RevokeIamAllowedPrincipals', properties: { DatabaseName: 'collections' } });
  }
  const dataSource = new datazone.CfnDataSource(stack, 'DataSource', {
    domainIdentifier: 'dzd_abc123',
    projectIdentifier: 'prj123',
    connectionIdentifier: (options.connection ?? true) ? 'c7lakehouse2k9' : undefined,
    name: 'collections',
    type: 'GLUE',
    configuration: { glueRunConfiguration: { relationalFilterConfigurations: [{ databaseName: database }] } },
  });
  if (options.dependOnGrant ?? true) {
    dataSource.addResourceDependency(grant);
  }
  if (options.run) {
    new CustomResource(stack, 'Run', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:run', resourceType: 'Custom::StartDataSourceRun', properties: { DataSourceId: dataSource.attrId } });
  }
  return { grant, dataSource };
}
