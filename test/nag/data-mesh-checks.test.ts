/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Fn, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import * as lakeformation from 'aws-cdk-lib/aws-lakeformation';
import { NagRuleCompliance } from 'cdk-nag';
import { ALL_MESH_ENDPOINTS, l1Governance, l1Network, l1Tooling } from './fixtures';
import { DataMeshChecks } from '../../src';
import { l1Publication } from './rules/data/data-rules.fixtures';
import { CouldNotEvaluate } from '../../src/nag/could-not-evaluate';
import { ALL_RULES } from '../../src/nag/rules';
import { dataMeshFindings, testApp, testStack } from '../util';

describe('DataMeshChecks', () => {
  test('is named DataMesh and lists its rule ids', () => {
    const pack = new DataMeshChecks();
    expect(pack.name).toBe('DataMesh');
    expect(pack.readPackName).toBe('DataMesh');
    expect(pack.ruleIds).toEqual([
      'DataMesh-VPC1', 'DataMesh-VPC2', 'DataMesh-VPC3', 'DataMesh-VPC4', 'DataMesh-VPC5',
      'DataMesh-DZ1', 'DataMesh-DZ2', 'DataMesh-DZ3', 'DataMesh-RAM1', 'DataMesh-RAM2', 'DataMesh-RAM3', 'DataMesh-IAM1',
      'DataMesh-BP1', 'DataMesh-BP2', 'DataMesh-BP3', 'DataMesh-BP4', 'DataMesh-PP1',
      'DataMesh-LF1', 'DataMesh-LF2', 'DataMesh-LF3', 'DataMesh-ICE1', 'DataMesh-LF4', 'DataMesh-LF5', 'DataMesh-DS1',
      'DataMesh-PP2', 'DataMesh-PP3', 'DataMesh-BIND1', 'DataMesh-IAM2',
      'DataMesh-TOPO1', 'DataMesh-TOPO2', 'DataMesh-TOPO3', 'DataMesh-ENV1', 'DataMesh-IAM3', 'DataMesh-CFN1', 'DataMesh-CFN2',
      'DataMesh-RAM4', 'DataMesh-SUB1', 'DataMesh-LF6', 'DataMesh-VPC6', 'DataMesh-PP4', 'DataMesh-BP5', 'DataMesh-DZ4', 'DataMesh-DZ5',
      'DataMesh-DZ6', 'DataMesh-DZ7', 'DataMesh-BIND2', 'DataMesh-BIND3', 'DataMesh-BIND4', 'DataMesh-BIND5',
    ]);
  });

  test('holds the expected rules at the expected levels (inventory)', () => {
    expect(ALL_RULES.map((r) => [r.id, r.level])).toEqual([
      ['VPC1', 'Error'],
      ['VPC2', 'Error'],
      ['VPC3', 'Error'],
      ['VPC4', 'Error'],
      ['VPC5', 'Error'],
      ['DZ1', 'Error'],
      ['DZ2', 'Warning'],
      ['DZ3', 'Error'],
      ['RAM1', 'Error'],
      ['RAM2', 'Warning'],
      ['RAM3', 'Error'],
      ['IAM1', 'Error'],
      ['BP1', 'Error'],
      ['BP2', 'Error'],
      ['BP3', 'Error'],
      ['BP4', 'Error'],
      ['PP1', 'Error'],
      ['LF1', 'Error'],
      ['LF2', 'Error'],
      ['LF3', 'Error'],
      ['ICE1', 'Error'],
      ['LF4', 'Warning'],
      ['LF5', 'Warning'],
      ['DS1', 'Error'],
      ['PP2', 'Error'],
      ['PP3', 'Error'],
      ['BIND1', 'Error'],
      ['IAM2', 'Error'],
      ['TOPO1', 'Error'],
      ['TOPO2', 'Error'],
      ['TOPO3', 'Error'],
      ['ENV1', 'Warning'],
      ['IAM3', 'Error'],
      ['CFN1', 'Warning'],
      ['CFN2', 'Error'],
      ['RAM4', 'Error'],
      ['SUB1', 'Error'],
      ['LF6', 'Warning'],
      ['VPC6', 'Warning'],
      ['PP4', 'Error'],
      ['BP5', 'Error'],
      ['DZ4', 'Error'],
      ['DZ5', 'Error'],
      ['DZ6', 'Error'],
      ['DZ7', 'Error'],
      ['BIND2', 'Error'],
      ['BIND3', 'Error'],
      ['BIND4', 'Error'],
      ['BIND5', 'Error'],
    ]);
  });

  test('gives every rule a unique id, a checklist row, a cause, a failure mode and a fix', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[A-Z]+\d+$/);
      for (const text of [rule.checklist, rule.info, rule.explanation, rule.fix]) {
        expect(text.length).toBeGreaterThan(10);
      }
      expect(rule.appliesTo.length).toBeGreaterThan(0);
    }
  });

  test('fully checks a hand-written L1 mesh network, without any library construct', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'], internetRoute: true, mapPublicIpOnLaunch: true, endpoints: ['glue'], endpointIngressCidr: '0.0.0.0/0' });
    expect(dataMeshFindings(stack).sort()).toEqual([
      'DataMesh-VPC1', 'DataMesh-VPC2', 'DataMesh-VPC3',
      'DataMesh-VPC4[Athena]', 'DataMesh-VPC4[Bedrock]', 'DataMesh-VPC4[DataZone]', 'DataMesh-VPC4[EMR]', 'DataMesh-VPC4[LakeFormation]',
      'DataMesh-VPC4[MWAA]', 'DataMesh-VPC4[Redshift]', 'DataMesh-VPC4[STS]', 'DataMesh-VPC4[SageMaker]',
      'DataMesh-VPC5',
    ]);
  });

  describe('on a whole mesh written with raw CloudFormation resources only', () => {
    function l1Mesh(broken: boolean) {
      const app = testApp();
      const governance = testStack({}, app);
      const { domain } = l1Governance(governance, broken ? { permissionArns: null, kmsKeyIdentifier: undefined } : {});
      new datazone.CfnProjectProfile(governance, 'ProducerProfile', {
        name: 'producer',
        domainIdentifier: domain.attrId,
        environmentConfigurations: [{ name: broken ? 'Lakehouse Database' : 'Tooling', environmentBlueprintId: broken ? 'd6y5smpdi8x9lz' : 'cjegf7f6kky6w7', awsAccount: { awsAccountId: '222222222222' }, awsRegion: { regionName: 'eu-west-1' }, deploymentMode: 'ON_CREATE', deploymentOrder: 0 }],
      });
      const producer = new Stack(app, 'Producer', { env: { account: '222222222222', region: 'eu-west-1' } });
      const { vpc, subnets } = l1Network(producer, broken ? { zones: ['eu-west-1a', 'eu-west-1a'], endpoints: ALL_MESH_ENDPOINTS.filter((e) => e !== 'datazone') } : {});
      const subnetIds = Fn.join(',', subnets.map((s) => s.ref));
      l1Tooling(producer, subnetIds, { parameters: { VpcId: vpc.ref, S3Location: 's3://tooling-222222222222', Subnets: subnetIds } });
      const location = new lakeformation.CfnResource(producer, 'Location', { resourceArn: 'arn:aws:s3:::data/trees', useServiceLinkedRole: true, hybridAccessEnabled: broken });
      const { dataSource } = l1Publication(producer, { dependOnGrant: !broken, revoke: !broken, run: !broken, connection: !broken });
      dataSource.addResourceDependency(location);
      if (!broken) {
        const tables = new lakeformation.CfnPrincipalPermissions(producer, 'TablesGrant', {
          principal: { dataLakePrincipalIdentifier: 'arn:aws:iam::222222222222:role/datazone_usr_role_4f8a2b1c9e3d7h_cjegf7f6kky6w7' },
          resource: { table: { catalogId: '222222222222', databaseName: 'collections', tableWildcard: {} } },
          permissions: ['SELECT', 'DESCRIBE'],
          permissionsWithGrantOption: [],
        });
        dataSource.addResourceDependency(tables);
      }
      return app;
    }

    test('finds nothing in a sound one', () => {
      expect(dataMeshFindings(l1Mesh(false))).toEqual([]);
    });

    test('finds every broken constraint of a broken one', () => {
      expect([...new Set(dataMeshFindings(l1Mesh(true)))].sort()).toEqual([
        'DataMesh-BP2', 'DataMesh-BP3', 'DataMesh-DS1', 'DataMesh-DZ2', 'DataMesh-LF1', 'DataMesh-LF2', 'DataMesh-LF3', 'DataMesh-LF5', 'DataMesh-LF6[collections.*]',
        'DataMesh-PP1', 'DataMesh-RAM1', 'DataMesh-VPC1', 'DataMesh-VPC4[DataZone]',
      ]);
    });
  });

  test('starts every validation run afresh', () => {
    const pack = new DataMeshChecks();
    const broken = testStack();
    l1Network(broken, { zones: ['eu-west-1a'] });
    expect(pack.validateScope(broken).violations).not.toEqual([]);
    const sound = testStack();
    l1Network(sound);
    expect(pack.validateScope(sound).violations).toEqual([]);
  });

  test('checks, through validateScope, the resources of a stack defined inside the scope', () => {
    const parent = testStack();
    l1Network(parent);
    l1Network(new Stack(parent, 'Child', { env: { account: '111111111111', region: 'eu-west-1' } }), { zones: ['eu-west-1a', 'eu-west-1a'] });
    const violations = new DataMeshChecks().validateScope(parent).violations.filter((v) => v.ruleName === 'DataMesh-VPC1');
    expect(violations.flatMap((v) => v.violatingResources.map((r) => r.constructPath))).toEqual(['Test/Child/Vpc']);
  });

  describe('called by aws-cdk-lib with a validation context', () => {
    function brokenApp(): App {
      const app = testApp();
      l1Network(testStack({}, app), { zones: ['eu-west-1a', 'eu-west-1a'] });
      return app;
    }
    // cdk-nag's violating resources carry the construct path (not in aws-cdk-lib's type).
    const vpc1 = (report: { violations: any[] }): string[] =>
      report.violations.filter((v) => v.ruleName === 'DataMesh-VPC1').flatMap((v) => v.violatingResources.map((r: any) => r.constructPath));

    test('checks the whole tree, rendered from its constructs, when the context names no stacks (an older aws-cdk-lib)', () => {
      const app = brokenApp();
      expect(vpc1(new DataMeshChecks().validate({ appConstruct: app } as any))).toEqual(['Test/Vpc']);
      expect(vpc1(new DataMeshChecks().validate({ appConstruct: app, stackTemplates: [] } as any))).toEqual(['Test/Vpc']);
    });

    test('checks the whole tree when the stacks the context names are not in the tree, or are not stacks', () => {
      const app = brokenApp();
      const named = (path: string) => ({ appConstruct: app, stackTemplates: [{ stackConstructPath: path, templatePath: '/nowhere.template.json', template: {} }] }) as any;
      expect(vpc1(new DataMeshChecks().validate(named('Elsewhere/Deeper')))).toEqual(['Test/Vpc']);
      expect(vpc1(new DataMeshChecks().validate(named('Test/Subnet0')))).toEqual(['Test/Vpc']);
    });
  });

  describe('when a rule itself fails', () => {
    afterEach(() => jest.restoreAllMocks());

    test('reports the failure under the rule\'s own id, naming the error, never as "could not verify"', () => {
      const rule = ALL_RULES.find((r) => r.id === 'VPC1')!;
      jest.spyOn(rule, 'check').mockImplementation(() => {
        throw new Error('boom');
      });
      const stack = testStack();
      l1Network(stack);
      const violations = new DataMeshChecks().validateScope(stack).violations.filter((v) => v.ruleName.startsWith('DataMesh-VPC1'));
      expect(violations.map((v) => v.ruleName)).toEqual(['DataMesh-VPC1']);
      expect(violations[0].description).toBe(`${rule.info} Test/Vpc: the rule failed: boom.`);
    });

    test('names each value a rule could not verify on a resource once, and says that strict makes such findings errors', () => {
      const rule = ALL_RULES.find((r) => r.id === 'VPC1')!;
      jest.spyOn(rule, 'check').mockImplementation(() => ({ compliance: NagRuleCompliance.COMPLIANT, unverified: ['the zone', 'the CIDR', 'the zone'] }));
      const stack = testStack();
      l1Network(stack);
      const [unverified] = new DataMeshChecks().validateScope(stack).violations.filter((v) => v.ruleName === 'DataMesh-VPC1[Unverified]');
      expect(unverified.severity).toBe('warning');
      expect(unverified.description).toBe(`Could not verify at synth: ${rule.info} Test/Vpc: the zone; the CIDR. To accept: check each value named above, then acknowledge `
        + 'DataMesh-VPC1[Unverified] on the resource (or a construct above it) with the reason; DataMeshChecks({ strict: true }) makes such findings of error rules errors.');
    });

    test('reports a rule\'s "could not evaluate" as unverified, with the rule\'s text and how to accept it', () => {
      const rule = ALL_RULES.find((r) => r.id === 'VPC1')!;
      jest.spyOn(rule, 'check').mockImplementation(() => {
        throw new CouldNotEvaluate('the thing', { Ref: 'Thing' });
      });
      const stack = testStack();
      l1Network(stack);
      const strict = new DataMeshChecks(undefined, { strict: true }).validateScope(stack).violations.filter((v) => v.ruleName.startsWith('DataMesh-VPC1'));
      expect(strict.map((v) => [v.ruleName, v.severity])).toEqual([['DataMesh-VPC1[Unverified]', 'error']]);
      expect(strict[0].description).toBe(`Could not verify at synth: ${rule.info} Test/Vpc: could not evaluate: the thing ({ Ref: Thing } (a parameter or a resource's id)) `
        + 'is not known at synth (a token, parameter or intrinsic function). To accept: check each value named above, then acknowledge DataMesh-VPC1[Unverified] '
        + 'on the resource (or a construct above it) with the reason.');
      expect((strict[0] as any).fix).toBe(`${rule.fix} Or pass the values named as literals, or check each value named above, then acknowledge DataMesh-VPC1[Unverified] `
        + 'on the resource (or a construct above it) with the reason.');
      expect((strict[0] as any).ruleMetadata).toEqual({ explanation: rule.explanation, checklist: rule.checklist });
    });
  });

  test('describes a breach with the rule\'s text, each resource\'s finding, the fix and the explanation', () => {
    const stack = testStack();
    l1Network(stack, { zones: ['eu-west-1a', 'eu-west-1a'] });
    const rule = ALL_RULES.find((r) => r.id === 'VPC1')!;
    const [violation] = new DataMeshChecks().validateScope(stack).violations.filter((v) => v.ruleName === 'DataMesh-VPC1');
    expect(violation.description).toMatch(new RegExp(`^${rule.info.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Test/Vpc: found .+\\.$`));
    expect((violation as any).fix).toBe(rule.fix);
    expect((violation as any).ruleMetadata).toEqual({ explanation: rule.explanation, checklist: rule.checklist });
    expect(violation.severity).toBe('error');
  });
});
