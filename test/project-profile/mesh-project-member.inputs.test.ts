/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { CatalogDomain, MeshProjectDesignation, MeshProjectMember, MeshProjectMemberProps } from '../../src';
import { expectAccepted, expectRefused, InvalidRow, refusal, ValidRow } from '../inputs';

const ROLE = 'arn:aws:iam::222222222222:role/cdk-data-mesh-dz-eu-west-1-1a2b3c4d';

function member(app: App, props: Partial<MeshProjectMemberProps>): MeshProjectMember {
  const stack = new Stack(app, 'Projects', { env: { account: '111111111111', region: 'eu-west-1' } });
  const domain = CatalogDomain.fromCatalogDomainAttributes(stack, 'Domain', { domainId: 'dzd_abc123', rootDomainUnitId: 'du7root', governanceAccount: '111111111111' });
  return new MeshProjectMember(stack, 'Member', { domain, roleArn: ROLE, ...props });
}

/** The contract of MeshProjectMember's props: each row is refused with the prop, the value, what is allowed and the fix. */
const INVALID: Array<InvalidRow<Partial<MeshProjectMemberProps>>> = [
  { prop: 'roleArn', value: { roleArn: 'cdk-data-mesh-dz' }, shown: "'cdk-data-mesh-dz'", expect: ['IAM role ARN', 'Pass the ARN of the role'] },
  { prop: 'roleArn', value: { roleArn: 'arn:aws:iam::222222222222:user/alice' }, shown: "'arn:aws:iam::222222222222:user/alice'", expect: ['IAM role ARN'] },
  { prop: 'designation', value: { designation: MeshProjectDesignation.OWNER }, shown: "'PROJECT_OWNER'", expect: ['needs a project', 'Pass projectId'] },
  { prop: 'projectId', value: { projectId: 'Producer project' }, shown: "'Producer project'", expect: ['1-36 letters, digits, _ and -', "project's id"] },
];

const VALID: Array<ValidRow<Partial<MeshProjectMemberProps>>> = [
  { name: 'a role with a path', value: { roleArn: 'arn:aws:iam::222222222222:role/service-role/app' } },
  { name: 'a project id of 36 characters, as a contributor', value: { projectId: 'p'.repeat(36), designation: MeshProjectDesignation.CONTRIBUTOR } },
];

describe('MeshProjectMember inputs', () => {
  test.each(INVALID)("refuses '$prop' = $value", (row) => {
    expectRefused(row, (app, props) => member(app, props));
  });

  test.each(VALID)('accepts $name', (row) => {
    expectAccepted(row, (app, props) => member(app, props));
  });

  test('reports every problem at once', () => {
    const message = refusal((app) => member(app, { roleArn: 'x', designation: MeshProjectDesignation.OWNER }));
    expect(message).toContain("'roleArn' is 'x'");
    expect(message).toContain("'designation' is");
  });
});
