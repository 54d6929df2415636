/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { CatalogDomain, DataMeshChecks, ProducerProjectProfile } from '../../../../src';
import { GRANTS_PER_DOMAIN_UNIT } from '../../../../src/nag/rules/datazone/grants-per-domain-unit';
import { dataMeshViolations, synthReport, testApp, testStack } from '../../../util';
import { deployTimeParameter } from '../../fixtures';

const DOMAIN = 'dzd_4f8a2b1c9e3d7h';
const ROOT_UNIT = '6h2k9m3p4q5r7s';

/** `count` ADD_TO_PROJECT_MEMBER_POOL grants on `unit`, one per IAM role, as one grant per member principal makes them. */
function memberPoolGrants(stack: Stack, count: number, unit: string = ROOT_UNIT, domain: string = DOMAIN, prefix = 'Member') {
  for (let i = 0; i < count; i++) {
    new datazone.CfnPolicyGrant(stack, `${prefix}${i}PoolGrant`, {
      domainIdentifier: domain,
      entityType: 'DOMAIN_UNIT',
      entityIdentifier: unit,
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal: { user: { userIdentifier: `arn:aws:iam::22222222222${i % 10}:role/member-${i}` } },
    });
  }
}

const dz7 = (scope: Parameters<typeof dataMeshViolations>[0]) => dataMeshViolations(scope).filter((v) => v.ruleName === 'DataMesh-DZ7');

describe('DataMesh-DZ7: at most 20 grants of one policy on one domain unit', () => {
  test('accepts 20 grants of a policy on a unit, and grants of other policies, units or domains beside them', () => {
    const stack = testStack();
    memberPoolGrants(stack, 20);
    memberPoolGrants(stack, 5, 'other_unit_1', DOMAIN, 'Other');
    memberPoolGrants(stack, 5, ROOT_UNIT, 'dzd_otherdomain1', 'OtherDomain');
    expect(dz7(stack)).toEqual([]);
  });

  test('refuses the 21st, once for the group, naming how many there are and the others', () => {
    const stack = testStack();
    memberPoolGrants(stack, 23);
    const found = dz7(stack);
    expect(found).toHaveLength(1);
    expect(found[0].violatingResources.map((r: any) => r.constructPath)).toEqual([expect.stringMatching(/^Test\/Member0PoolGrant/)]);
    expect(found[0].severity).toBe('error');
    expect(GRANTS_PER_DOMAIN_UNIT.explanation).toMatch(/stops at deploy on its 21st grant/);
    expect(found[0].description).toMatch(/found 23 ADD_TO_PROJECT_MEMBER_POOL grants on domain unit "6h2k9m3p4q5r7s" \(this one and Test\/Member1PoolGrant[0-9A-F]*, .*, and 17 more\); DataZone allows 20/);
  });

  test('counts the grants of every stack together, whether they name the unit by Fn::GetAtt, by another stack\'s export or literally', () => {
    const build = () => {
      const app = testApp({ outdir: mkdtempSync(join(tmpdir(), 'dz7-')), context: { '@aws-cdk/core:validationReportJson': true } });
      const governance = testStack({}, app);
      const domain = new CatalogDomain(governance, 'Domain', { domainName: 'mesh', associatedAccounts: ['222222222222'] });
      memberPoolGrants(governance, 11, domain.rootDomainUnitId, domain.domainId);
      const projects = new Stack(app, 'Projects', { env: { account: governance.account, region: governance.region } });
      memberPoolGrants(projects, 10, domain.rootDomainUnitId, domain.domainId);
      return app;
    };
    // Before synthesis (validateScope), the other stack's grants name the domain's resource; at synth, its export.
    const direct = dz7(build());
    expect(direct).toHaveLength(1);
    expect(direct[0].description).toMatch(/found 21 ADD_TO_PROJECT_MEMBER_POOL grants/);
    const app = build();
    Validations.of(app).addPlugins(new DataMeshChecks());
    const { error, report } = synthReport(app);
    expect(error).toMatch(/ERROR More than 20 policy grants .* Test\/Member0PoolGrant: found 21 ADD_TO_PROJECT_MEMBER_POOL grants/);
    expect(JSON.stringify(report)).toMatch(/found 21 ADD_TO_PROJECT_MEMBER_POOL grants/);
  });

  test('does not count grants whose unit it cannot read together with the literal ones, and leaves grants on other entities alone', () => {
    const stack = testStack();
    memberPoolGrants(stack, 15);
    memberPoolGrants(stack, 15, deployTimeParameter(stack, 'Unit'), DOMAIN, 'Parameter');
    new datazone.CfnPolicyGrant(stack, 'BlueprintGrant', {
      domainIdentifier: DOMAIN,
      entityType: 'ENVIRONMENT_BLUEPRINT_CONFIGURATION',
      entityIdentifier: '222222222222:bp_tooling',
      policyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT',
      detail: { createEnvironmentFromBlueprint: {} },
      principal: { project: { projectDesignation: 'CONTRIBUTOR', projectGrantFilter: { domainUnitFilter: { domainUnit: ROOT_UNIT, includeChildDomainUnits: true } } } },
    });
    expect(dz7(stack)).toEqual([]);
  });

  test('accepts 25 profiles of one stack: they share one project-creation grant', () => {
    const stack = testStack();
    const domain = new CatalogDomain(stack, 'Domain', { domainName: 'mesh', associatedAccounts: ['222222222222'] });
    for (let i = 0; i < 25; i++) {
      new ProducerProjectProfile(stack, `P${i}`, { domain, profileName: `p${i}`, account: '222222222222' });
    }
    expect(dz7(stack)).toEqual([]);
  });
  test('does not count a grant on another kind of entity with the same identifier and policy into the unit\'s group', () => {
    const stack = testStack();
    memberPoolGrants(stack, 20);
    new datazone.CfnPolicyGrant(stack, 'ProjectGrant', {
      domainIdentifier: DOMAIN,
      entityType: 'ENVIRONMENT_PROFILE',
      entityIdentifier: ROOT_UNIT,
      policyType: 'ADD_TO_PROJECT_MEMBER_POOL',
      detail: { addToProjectMemberPool: { includeChildDomainUnits: true } },
      principal: { user: { userIdentifier: 'arn:aws:iam::222222222222:role/other' } },
    });
    expect(dz7(stack)).toEqual([]);
  });
});
