/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testApp, testStack } from '../../../util';
import { l1Profile, l1Tooling } from '../../fixtures';

function mesh(memberBlueprint: string, profileRegion = 'eu-west-1') {
  const app = testApp();
  const governance = testStack({}, app);
  const producer = new Stack(app, 'Producer', { env: { account: '222222222222', region: 'eu-west-1' } });
  l1Tooling(producer, 'subnet-1,subnet-2', { identifier: memberBlueprint });
  l1Profile(governance, [{ name: 'Tooling', blueprintId: 'bp1', account: '222222222222', region: profileRegion }]);
  return app;
}

describe('DataMesh-BP3: every account a project profile targets enables Tooling in the profile\'s Region', () => {
  test('accepts a profile whose account enables Tooling in another stack of the app', () => {
    expect(dataMeshFindings(mesh('Tooling'))).not.toContain('DataMesh-BP3');
  });

  test('flags a profile whose account enables no Tooling, or not in the profile\'s Region', () => {
    const noTooling = mesh('DataLake');
    expect(dataMeshViolations(noTooling).find((v) => v.ruleName === 'DataMesh-BP3')?.description)
      .toMatch(/found no Tooling blueprint configuration for account 222222222222 in eu-west-1/);
    expect(dataMeshFindings(mesh('Tooling', 'eu-central-1'))).toContain('DataMesh-BP3');
  });

  test('does not apply to resources that are not project profiles', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when no stack of the target account is in the app', () => {
    const stack = testStack();
    l1Profile(stack, [{ name: 'Tooling', blueprintId: 'bp1', account: '444444444444' }]);
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BP3[Unverified]')?.description)
      .toMatch(/could not evaluate: whether account 444444444444 enables Tooling \(no stack of that account is in this app\)/);
  });
});
