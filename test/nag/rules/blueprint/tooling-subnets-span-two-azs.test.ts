/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Fn } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { l1Network, l1Tooling } from '../../fixtures';

describe('DataMesh-BP2: the Tooling subnets span two Availability Zones of the blueprint\'s Region', () => {
  test('accepts subnets of the template in two zones', () => {
    const stack = testStack();
    const { subnets } = l1Network(stack);
    l1Tooling(stack, Fn.join(',', subnets.map((s) => s.ref)));
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP2');
  });

  test('accepts subnets defined elsewhere whose zones are declared in the metadata', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1,subnet-2').addMetadata('cdk-data-mesh:subnetZones', ['eu-west-1a', 'eu-west-1b']);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP2');
  });

  test('flags subnets in one zone, and zones of another Region', () => {
    const oneZone = testStack();
    const { subnets } = l1Network(oneZone, { zones: ['eu-west-1a', 'eu-west-1a'] });
    l1Tooling(oneZone, Fn.join(',', subnets.map((s) => s.ref)));
    expect(dataMeshViolations(oneZone).find((v) => v.ruleName === 'DataMesh-BP2')?.description).toMatch(/found 2 subnet\(s\) in 1 zone\(s\) in eu-west-1/);
    const foreign = testStack();
    l1Tooling(foreign, 'subnet-1,subnet-2').addMetadata('cdk-data-mesh:subnetZones', ['us-east-1a', 'us-east-1b']);
    expect(dataMeshViolations(foreign).find((v) => v.ruleName === 'DataMesh-BP2')?.description).toMatch(/found zone\(s\) us-east-1a, us-east-1b outside eu-west-1/);
  });

  test('does not apply to other blueprints or resources', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1', { identifier: 'DataLake' });
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-BP2');
  });

  test('reports "could not evaluate" for subnet ids defined outside the template with no declared zones', () => {
    const stack = testStack();
    l1Tooling(stack, 'subnet-1,subnet-2');
    expect(dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-BP2[Unverified]')?.description)
      .toMatch(/could not evaluate: the Availability Zones of the Tooling subnets subnet-1,subnet-2 \(defined outside this template\)/);
  });
});
