/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { dataMeshFindings, dataMeshViolations, testStack } from '../../../util';
import { deployTimeParameter, l1Network } from '../../fixtures';

describe('DataMesh-VPC5: endpoint security groups are not open to the internet', () => {
  test('accepts endpoints whose security group admits the VPC CIDR only', () => {
    const stack = testStack();
    l1Network(stack);
    expect(dataMeshFindings(stack)).not.toContain('DataMesh-VPC5');
  });

  test('flags endpoints whose security group admits 0.0.0.0/0 inline', () => {
    const stack = testStack();
    l1Network(stack, { endpointIngressCidr: '0.0.0.0/0' });
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC5');
    expect(violation?.description).toMatch(/found security group EndpointGroup open to the internet/);
  });

  test('flags an open ::/0 rule defined as a separate ingress resource', () => {
    const stack = testStack();
    const { group } = l1Network(stack);
    new ec2.CfnSecurityGroupIngress(stack, 'Open', { groupId: group.attrGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '::/0' });
    const found = dataMeshViolations(stack).filter((v) => v.ruleName.startsWith('DataMesh-VPC5'));
    expect(found.map((v) => v.ruleName)).toEqual(['DataMesh-VPC5']);
    expect(found[0].description).toMatch(/: found security group EndpointGroup open to the internet\./);
  });

  test('does not apply to endpoints without a security group of the stack, or to other resources', () => {
    const stack = testStack();
    new ec2.CfnVPCEndpoint(stack, 'Gateway', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.eu-west-1.s3' });
    new s3.CfnBucket(stack, 'Bucket');
    expect(dataMeshFindings(stack)).toEqual([]);
  });

  test('reports "could not evaluate" when the security groups are a parameter list', () => {
    const stack = testStack();
    const { endpoints } = l1Network(stack);
    endpoints[0].securityGroupIds = { Ref: deployTimeParameter(stack, 'Groups') } as any;
    const violation = dataMeshViolations(stack).find((v) => v.ruleName === 'DataMesh-VPC5[Unverified]');
    expect(violation?.description).toMatch(/could not evaluate: SecurityGroupIds of VPC endpoint/);
  });
  test('names every open group of the endpoint, and leaves out its groups that are closed or not security groups of the stack', () => {
    const stack = testStack();
    const { endpoints, group } = l1Network(stack, { endpointIngressCidr: '0.0.0.0/0' });
    const second = new ec2.CfnSecurityGroup(stack, 'SecondGroup', { vpcId: 'vpc-1', groupDescription: 'second', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '::/0' }] });
    const closed = new ec2.CfnSecurityGroup(stack, 'ClosedGroup', { vpcId: 'vpc-1', groupDescription: 'closed', securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.0.0/8' }] });
    endpoints[0].securityGroupIds = [group.attrGroupId, second.attrGroupId, closed.attrGroupId, 'sg-0123456789abcdef0'];
    const found = dataMeshViolations(stack).filter((v) => v.ruleName === 'DataMesh-VPC5' && v.description.includes('SecondGroup'));
    expect(found).toHaveLength(1);
    expect(found[0].description).toMatch(/found security group EndpointGroup, SecondGroup open to the internet/);
  });

  test('does not apply to an endpoint whose groups are all outside the stack', () => {
    const stack = testStack();
    new ec2.CfnVPCEndpoint(stack, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.eu-west-1.glue', vpcEndpointType: 'Interface', securityGroupIds: ['sg-0123456789abcdef0'] });
    expect(dataMeshFindings(stack).filter((id) => id.startsWith('DataMesh-VPC5'))).toEqual([]);
  });
});
