/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { Aws, Fn, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { ALL_MESH_ENDPOINTS, l1Network } from '../../fixtures';

describe('DataMesh-VPC4: a mesh VPC has interface endpoints for the mesh services', () => {
  test('accepts a VPC with an endpoint for every mesh service', () => {
    const stack = testStack();
    l1Network(stack);
    expect(dataMeshFindings(stack)).not.toContain(expect.stringMatching(/^DataMesh-VPC4/));
  });

  test('accepts an endpoint service name built with the Region pseudo parameter', () => {
    const stack = testStack();
    const { vpc } = l1Network(stack, { endpoints: ALL_MESH_ENDPOINTS.filter((e) => e !== 'glue') });
    new ec2.CfnVPCEndpoint(stack, 'Glue', {
      vpcId: vpc.ref,
      vpcEndpointType: 'Interface',
      serviceName: Fn.join('', ['com.amazonaws.', Aws.REGION, '.glue']),
    });
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-VPC4[Glue]');
  });

  test('reports each missing service as a finding of its own', () => {
    const stack = testStack();
    l1Network(stack, { endpoints: ['glue', 'athena', 'sts'] });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC4'))).toEqual([
      'DataMesh-VPC4[Redshift]', 'DataMesh-VPC4[EMR]', 'DataMesh-VPC4[MWAA]', 'DataMesh-VPC4[Bedrock]',
      'DataMesh-VPC4[SageMaker]', 'DataMesh-VPC4[LakeFormation]', 'DataMesh-VPC4[DataZone]',
    ]);
    const mwaa = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC4[MWAA]');
    expect(mwaa?.description).toMatch(/found no interface endpoint for MWAA \(any of airflow.api, airflow.env, airflow.ops\)/);
  });

  test('does not count a gateway endpoint as an interface endpoint', () => {
    const stack = testStack();
    const { vpc } = l1Network(stack, { endpoints: ALL_MESH_ENDPOINTS.filter((e) => e !== 'sts') });
    new ec2.CfnVPCEndpoint(stack, 'StsAsGateway', { vpcId: vpc.ref, serviceName: 'com.amazonaws.eu-west-1.sts' });
    expect(dataMeshFindings(stack)).toContain('DataMesh-VPC4[STS]');
  });

  test('lets one missing service be acknowledged on its own', () => {
    const stack = testStack();
    const { vpc } = l1Network(stack, { endpoints: ALL_MESH_ENDPOINTS.filter((e) => !e.startsWith('airflow') && e !== 'bedrock-runtime') });
    Validations.of(vpc).acknowledge({ id: 'DataMesh-VPC4[MWAA]', reason: 'this mesh runs no Airflow' });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC4'))).toEqual(['DataMesh-VPC4[Bedrock]']);
  });

  test('does not apply to resources that are not VPCs', () => {
    const stack = testStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when an endpoint\'s service name is a parameter', () => {
    const stack = testStack();
    const { endpoints } = l1Network(stack);
    endpoints[0].serviceName = { Ref: 'AWS::NoValue' } as any;
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC4[Unverified]');
    expect(violation?.description).toMatch(/could not evaluate: the ServiceName of VPC endpoint/);
  });
  test('reads endpoint names after the aws.sagemaker and aws.api prefixes, and a service name without a known prefix as a whole', () => {
    const stack = testStack();
    const { vpc } = l1Network(stack, { endpoints: ALL_MESH_ENDPOINTS.filter((e) => !['sagemaker.api', 'bedrock-runtime', 'sts', 'glue'].includes(e)) });
    const endpoint = (id: string, serviceName: unknown) => new ec2.CfnVPCEndpoint(stack, id, { vpcId: vpc.ref, vpcEndpointType: 'Interface', serviceName: serviceName as string });
    endpoint('Studio', 'aws.sagemaker.eu-west-1.studio');
    endpoint('Bedrock', 'aws.api.eu-west-1.bedrock');
    endpoint('Sts', 'sts');
    endpoint('Glue', 'com.amazonaws.glue');
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC4'))).toEqual(['DataMesh-VPC4[Glue]']);
  });

  test('reads a non-literal part of a joined service name as a wildcard, not as the name', () => {
    const stack = testStack();
    const { vpc } = l1Network(stack, { endpoints: ALL_MESH_ENDPOINTS.filter((e) => e !== 'glue' && e !== 'athena') });
    new ec2.CfnVPCEndpoint(stack, 'Glue', { vpcId: vpc.ref, vpcEndpointType: 'Interface', serviceName: Fn.join('.', ['com.amazonaws', Aws.REGION, 'glue']) });
    new ec2.CfnVPCEndpoint(stack, 'Athena', { vpcId: vpc.ref, vpcEndpointType: 'Interface', serviceName: Fn.join('', ['com.amazonaws.eu-west-1.', Aws.URL_SUFFIX]) });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC4'))).toEqual(['DataMesh-VPC4[Athena]']);
  });

  test('reports "could not evaluate" for a Fn::Join whose separator or list it cannot read', () => {
    for (const serviceName of [{ 'Fn::Join': [{ Ref: 'Sep' }, ['com.amazonaws', 'eu-west-1', 'glue']] }, { 'Fn::Join': ['.', { Ref: 'Parts' }] }]) {
      const stack = testStack();
      const { endpoints } = l1Network(stack);
      endpoints[0].serviceName = serviceName as any;
      expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC4'))).toEqual(['DataMesh-VPC4[Unverified]']);
    }
  });
});
