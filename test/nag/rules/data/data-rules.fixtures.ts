/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { IConstruct } from 'constructs';
import { RuleDefinition } from '../../../../src/nag/rule';
import { dataMeshViolations } from '../../../util';

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

/**
 * What DataMeshChecks reports for `rule` in `scope`, one line per finding: the finding's id without `DataMesh-`,
 * then what it found on which resource (`LF1 Test/DataSource: found …`, resources joined with '; '), or for `[Unverified]` what could not be
 * read (`LF1[Unverified] Test/DataSource: could not evaluate: …`).
 */
export function findingsOf(scope: IConstruct, rule: RuleDefinition): string[] {
  const id = `DataMesh-${rule.id}`;
  return dataMeshViolations(scope)
    .filter((v) => v.ruleName === id || v.ruleName.startsWith(`${id}[`))
    .map((v) => {
      const unverified = `Could not verify at synth: ${rule.info} `;
      const text = v.description.startsWith(unverified)
        ? v.description.slice(unverified.length, v.description.indexOf('. To accept: '))
        : v.description.slice(`${rule.info} `.length, -1);
      return `${v.ruleName.slice('DataMesh-'.length)} ${text}`;
    });
}

export { couldNotEvaluate } from '../../fixtures';

/** How a CouldNotEvaluate message ends. */
export const NOT_KNOWN = 'is not known at synth (a token, parameter or intrinsic function)';
