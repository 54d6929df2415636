/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CatalogDomain, MeshMemberAccount, ProducerDataProduct, ProducerDataProductProps, TwoAzPrivateVpc } from '../../src';
import { dataMeshFindings, expectCleanUnderBothPacks, testApp } from '../util';

function producer(app: App = testApp()): Stack {
  return new Stack(app, 'ProducerData', { env: { account: '222222222222', region: 'eu-west-1' } });
}

function product(stack: Stack, props: Partial<ProducerDataProductProps> = {}) {
  return new ProducerDataProduct(stack, 'Trees', {
    domain: CatalogDomain.fromSharedDomain(stack, 'Domain', { domainName: 'mesh', governanceAccount: '111111111111' }),
    projectName: 'Producer',
    databaseName: 'collections',
    tableNames: ['trees'],
    dataBucket: s3.Bucket.fromBucketName(stack, 'Data', 'collections-data'),
    dataPrefix: 'trees/',
    ...props,
  } as ProducerDataProductProps);
}

describe('ProducerDataProduct', () => {
  describe('for one existing table', () => {
    let stack: Stack;
    let template: Template;
    beforeAll(() => {
      stack = producer();
      product(stack);
      template = Template.fromStack(stack);
    });

    test('registers the data location in Lake Formation mode with the service-linked role', () => {
      template.hasResourceProperties('AWS::LakeFormation::Resource', {
        ResourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::collections-data/trees']] },
        UseServiceLinkedRole: true,
        HybridAccessEnabled: false,
      });
    });

    test('grants the project role DESCRIBE on the database, and grantable SELECT and DESCRIBE on the table', () => {
      const role = { DataLakePrincipalIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TreesProjectRole'), 'RoleArn'] } };
      template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
        Principal: role,
        Resource: { Database: { CatalogId: '222222222222', Name: 'collections' } },
        Permissions: ['DESCRIBE'],
        PermissionsWithGrantOption: [],
      });
      template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
        Principal: role,
        Resource: { Table: { CatalogId: '222222222222', DatabaseName: 'collections', Name: 'trees' } },
        Permissions: ['SELECT', 'DESCRIBE'],
        PermissionsWithGrantOption: ['SELECT', 'DESCRIBE'],
      });
    });

    test('looks the producer project\'s role up by the project id handed over from the governance account', () => {
      template.hasResourceProperties('Custom::ProjectRoleLookup', { ProjectId: { Ref: Match.stringLikeRegexp('ProjectIdParameter') } });
      template.hasParameter('*', {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: 'arn:aws:ssm:eu-west-1:111111111111:parameter/cdk-data-mesh/projects/Producer/project-id',
      });
    });

    test('revokes IAMAllowedPrincipals on the database and the table after the grants, keeping them on delete', () => {
      template.hasResource('Custom::RevokeIamAllowedPrincipals', {
        Properties: { CatalogId: '222222222222', DatabaseName: 'collections', TableNames: ['trees'], RestoreOnDelete: 'false' },
        DependsOn: Match.arrayWith([Match.stringLikeRegexp('^TreesDatabaseGrant'), Match.stringLikeRegexp('^TreesTableGrantTrees')]),
      });
    });

    test('publishes the table through a Glue data source created after the grants and the revocation', () => {
      template.hasResource('AWS::DataZone::DataSource', {
        Properties: {
          Type: 'GLUE',
          Name: 'collections',
          PublishOnImport: true,
          EnableSetting: 'ENABLED',
          Configuration: { GlueRunConfiguration: { RelationalFilterConfigurations: [{ DatabaseName: 'collections', FilterExpressions: [{ Expression: 'trees', Type: 'INCLUDE' }] }] } },
        },
        DependsOn: Match.arrayWith([Match.stringLikeRegexp('^TreesDatabaseGrant'), Match.stringLikeRegexp('^TreesRevokeIamAllowedPrincipals'), Match.stringLikeRegexp('^TreesTableGrantTrees')]),
      });
    });

    test('checks first that the handler role and the CloudFormation execution role are Lake Formation admins, changing none, and retains the check', () => {
      template.hasResource('Custom::LakeFormationAdmins', {
        Properties: {
          CatalogId: '222222222222',
          Admins: [
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshIamAllowedPrincipalsProviderHandlerRole'), 'Arn'] },
            { 'Fn::Sub': Match.stringLikeRegexp('^arn:\\$\\{AWS::Partition\\}:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1$') },
          ],
          Manage: 'false',
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      for (const type of ['AWS::LakeFormation::Resource', 'AWS::LakeFormation::PrincipalPermissions', 'Custom::RevokeIamAllowedPrincipals']) {
        template.hasResource(type, { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^TreesLakeFormationAdmins')]) });
      }
    });

    test('gives the handler role a name fixed before deploy, allowed to read the admins but not to change them', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        RoleName: { 'Fn::Join': ['', ['cdk-data-mesh-lf-', { Ref: 'AWS::Region' }, Match.stringLikeRegexp('^-[0-9a-f]{8}$')]] },
      });
      const statements = JSON.stringify(template.findResources('AWS::IAM::Policy'));
      expect(statements).toContain('lakeformation:GetDataLakeSettings');
      expect(statements).not.toContain('lakeformation:PutDataLakeSettings');
    });

    test('tells the revocation which role must be an admin', () => {
      template.hasResourceProperties('Custom::RevokeIamAllowedPrincipals', {
        HandlerRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshIamAllowedPrincipalsProviderHandlerRole'), 'Arn'] },
      });
    });

    test('runs the data source at deploy and waits up to 50 minutes, as the stack\'s project member, allowed the run calls on the domain only', () => {
      template.hasResourceProperties('Custom::StartDataSourceRun', {
        DataSourceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TreesDataSource'), 'Id'] },
        HandlerRoleArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/cdk-data-mesh-project-member-eu-west-1']] },
        TimeoutSeconds: '3000',
        DatabaseName: 'collections',
        TableNames: ['trees'],
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: ['cdk-data-mesh-project-member-eu-west-1'],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'RunDataSource',
            Action: ['datazone:StartDataSourceRun', 'datazone:GetDataSourceRun', 'datazone:ListDataSourceRuns'],
            Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
          })]),
        },
      });
    });

    test('acts as the account\'s project-member role, which it imports by its fixed name and does not create (MeshMemberAccount does, in an earlier stack)', () => {
      const made = stack.node.findChild('Trees') as ProducerDataProduct;
      expect(made.projectMemberRoleName).toBe('cdk-data-mesh-project-member-eu-west-1');
      expect(template.findResources('AWS::IAM::Role', { Properties: { RoleName: made.projectMemberRoleName } })).toEqual({});
      expect(made.dataSourceRunRole).toBe(made.projectMemberRole);
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Handler: Match.stringLikeRegexp('^(project_environment|data_source_run)\\.') } }))) {
        expect(fn.Properties.Role).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/cdk-data-mesh-project-member-eu-west-1']] });
        // The function is created after this stack's policy on the imported role.
        expect(fn.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^CdkDataMeshProjectMember[0-9a-f]{8}RolePolicy/)]));
      }
    });

    test('binds the Glue data source to the lakehouse connection the project member looks up once Tooling is active', () => {
      template.hasResourceProperties('Custom::ProjectEnvironmentLookup', {
        ProjectId: { Ref: Match.stringLikeRegexp('^TreesProjectIdParameter') },
        EnvironmentName: 'Tooling',
        Require: 'ConnectionId',
        TimeoutSeconds: '1800',
      });
      template.hasResourceProperties('AWS::DataZone::DataSource', {
        ConnectionIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkDataMeshProjectMember[0-9a-f]{8}Environment'), 'ConnectionId'] },
        EnvironmentIdentifier: Match.absent(),
      });
    });

    test('adds the stack\'s CloudFormation execution role to the producer project before it creates the data source', () => {
      const members = template.findResources('Custom::ProjectMembership');
      expect(Object.values(members).map((m) => m.Properties)).toEqual([expect.objectContaining({
        ProjectId: { Ref: expect.stringMatching(/^TreesProjectIdParameter/) },
        UserArn: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1' },
        Designation: 'PROJECT_CONTRIBUTOR',
      })]);
      template.hasResource('AWS::DataZone::DataSource', { DependsOn: Match.arrayWith([Object.keys(members)[0]]) });
    });

    test('waits up to 10 minutes for the project to list the new membership, which its project member may read', () => {
      template.hasResourceProperties('Custom::ProjectMembership', { TimeoutSeconds: '600' });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: ['cdk-data-mesh-project-member-eu-west-1'],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'WaitForMemberships',
            Action: 'datazone:ListProjectMemberships',
            Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
          })]),
        },
      });
    });

    test('lets the project member read environments and connections and manage memberships on the domain only', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: ['cdk-data-mesh-project-member-eu-west-1'],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'ReadProjectEnvironmentsAndJoin',
            Action: Match.arrayWith(['datazone:ListEnvironments', 'datazone:ListConnections', 'datazone:CreateProjectMembership']),
            Resource: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
          })]),
        },
      });
    });

    test('is clean under DataMeshChecks and AwsSolutionsChecks', () => {
      expectCleanUnderBothPacks(stack);
    });

    test('synthesizes with CloudFormation schema violations turned into errors', () => {
      expect(() => (stack.node.root as App).synth()).not.toThrow();
    });
  });

  test('grants every table with a wildcard, uses a given role and project id, and restores on delete when told to', () => {
    const stack = producer();
    product(stack, {
      projectName: undefined,
      projectId: 'prj123',
      projectRoleArn: 'arn:aws:iam::222222222222:role/datazone_usr_role_prj123_env1',
      tableNames: undefined,
      allTables: true,
      restoreIamAllowedPrincipalsOnDelete: true,
      dataSource: { schedule: 'cron(0 6 * * ? *)', publishOnImport: false },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::ProjectRoleLookup', 0);
    template.hasResourceProperties('AWS::LakeFormation::PrincipalPermissions', {
      Principal: { DataLakePrincipalIdentifier: 'arn:aws:iam::222222222222:role/datazone_usr_role_prj123_env1' },
      Resource: { Table: { DatabaseName: 'collections', TableWildcard: {} } },
    });
    template.hasResourceProperties('Custom::RevokeIamAllowedPrincipals', { TableNames: [], RestoreOnDelete: 'true' });
    template.hasResourceProperties('AWS::DataZone::DataSource', { ProjectIdentifier: 'prj123', PublishOnImport: false, Schedule: { Schedule: 'cron(0 6 * * ? *)' } });
  });

  test('with manageDataLakeAdmins, lets the handler append the admins, and exposes the roles to make project members', () => {
    const stack = producer();
    const made = product(stack, { manageDataLakeAdmins: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::LakeFormationAdmins', { Manage: 'true' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Sid: 'AppendDataLakeAdmins', Effect: 'Allow', Action: 'lakeformation:PutDataLakeSettings', Resource: '*' }]) },
    });
    expect(made.dataSourceRunRole).toBeDefined();
    expect(made.lakeFormationHandlerRole).toBeDefined();
    expectCleanUnderBothPacks(stack);
  });

  test('with a given connection or environment, looks nothing up', () => {
    for (const dataSource of [{ connectionId: 'c7lakehouse2k9' }, { environmentId: 'e5tooling3x1' }]) {
      const stack = producer();
      product(stack, { dataSource });
      const template = Template.fromStack(stack);
      template.resourceCountIs('Custom::ProjectEnvironmentLookup', 0);
      template.hasResourceProperties('AWS::DataZone::DataSource', dataSource.connectionId
        ? { ConnectionIdentifier: 'c7lakehouse2k9' } : { EnvironmentIdentifier: 'e5tooling3x1', ConnectionIdentifier: Match.absent() });
    }
  });

  test.each([['before', true], ['after', false]])('in the stack of the MeshMemberAccount that creates the project-member role (created %s it), acts as it only once it exists', (_when, memberFirst) => {
    const stack = producer();
    const domain = CatalogDomain.fromSharedDomain(stack, 'SharedDomain', { domainName: 'mesh', governanceAccount: '111111111111' });
    const member = () => new MeshMemberAccount(stack, 'Member', { domain, network: new TwoAzPrivateVpc(stack, 'Network') });
    if (memberFirst) {
      member();
    }
    product(stack, { domain });
    if (!memberFirst) {
      member();
    }
    const template = Template.fromStack(stack);
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role', { Properties: { RoleName: 'cdk-data-mesh-project-member-eu-west-1' } }));
    expect(roleId).toMatch(/^MemberProjectMemberRole/);
    // This stack's statements on the role come after the role, and every function acting as it after them.
    const [[policyId, policy]] = Object.entries(template.findResources('AWS::IAM::Policy', { Properties: { Roles: ['cdk-data-mesh-project-member-eu-west-1'] } }));
    expect(policy.DependsOn).toEqual(expect.arrayContaining([roleId]));
    const actingAsIt = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, fn]) => JSON.stringify(fn.Properties.Role).includes('cdk-data-mesh-project-member-eu-west-1'));
    expect(actingAsIt.map(([id]) => id)).toEqual(expect.arrayContaining([expect.stringMatching(/^CdkDataMeshProjectEnvironmentProvider[0-9a-f]{8}OnEvent/), expect.stringMatching(/^CdkDataMeshDataSourceRunProvider[0-9a-f]{8}OnEvent/)]));
    for (const [, fn] of actingAsIt) {
      expect(fn.DependsOn).toEqual(expect.arrayContaining([policyId]));
    }
  });

  test('two data products of one stack and domain share one project member (one membership per project)', () => {
    const stack = producer();
    const domain = CatalogDomain.fromSharedDomain(stack, 'SharedDomain', { domainName: 'mesh', governanceAccount: '111111111111' });
    const first = product(stack, { domain, projectName: undefined, projectId: 'prj5producer' });
    const second = new ProducerDataProduct(stack, 'Birds', {
      domain, projectId: 'prj5producer', databaseName: 'collections', tableNames: ['birds'], dataBucket: s3.Bucket.fromBucketName(stack, 'BirdsData', 'collections-data'),
    });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { Roles: ['cdk-data-mesh-project-member-eu-west-1'] } }))).toHaveLength(1);
    template.resourceCountIs('Custom::ProjectEnvironmentLookup', 1);
    template.resourceCountIs('Custom::ProjectMembership', 1);
    expect(second.projectMemberRoleName).toBe(first.projectMemberRoleName);
  });

  test('two data products of one stack share one provider of each kind: one project-role lookup, one Lake Formation role, one run', () => {
    const stack = producer();
    const domain = CatalogDomain.fromSharedDomain(stack, 'SharedDomain', { domainName: 'mesh', governanceAccount: '111111111111' });
    product(stack, { domain });
    new ProducerDataProduct(stack, 'Birds', {
      domain, projectName: 'Birds', databaseName: 'birds', tableNames: ['birds'], dataBucket: s3.Bucket.fromBucketName(stack, 'BirdsData', 'birds-data'),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::ProjectRoleLookup', 2);
    template.resourceCountIs('Custom::RevokeIamAllowedPrincipals', 2);
    template.resourceCountIs('Custom::StartDataSourceRun', 2);
    const handlers = Object.values(template.findResources('AWS::Lambda::Function')).map((f: any) => String(f.Properties.Handler));
    for (const kind of ['project_role', 'iam_allowed_principals', 'data_source_run', 'project_environment']) {
      expect({ kind, onEvent: handlers.filter((h) => h === `${kind}.index.on_event`).length }).toEqual({ kind, onEvent: 1 });
    }
    expect(Object.keys(template.findResources('AWS::IAM::Role', { Properties: { RoleName: { 'Fn::Join': ['', [Match.stringLikeRegexp('^cdk-data-mesh-lf-'), { Ref: 'AWS::Region' }, Match.anyValue()]] } } }))).toHaveLength(1);
    expectCleanUnderBothPacks(stack);
  });

  test('with runOnDeploy false, starts no run (a schedule or a person runs it)', () => {
    const stack = producer();
    const made = product(stack, { dataSource: { runOnDeploy: false, schedule: 'cron(0 6 * * ? *)' } });
    Template.fromStack(stack).resourceCountIs('Custom::StartDataSourceRun', 0);
    expect(made.dataSourceRunRole).toBeUndefined();
  });

  test('with requireIceberg, lets DataMeshChecks flag a published table of the app that is not Iceberg', () => {
    const stack = producer();
    new glue.CfnTable(stack, 'Csv', { catalogId: '222222222222', databaseName: 'collections', tableInput: { name: 'trees', parameters: { classification: 'csv' } } });
    product(stack, { requireIceberg: true });
    expect(dataMeshFindings(stack)).toContain('DataMesh-ICE1');
  });

  describe('fails if', () => {
    test.each([
      [{ tableNames: [] }, /'tableNames' is \[\]: name at least one table to grant and publish, or set allTables/],
      [{ allTables: true }, /'tableNames' is \["trees"\]: it cannot be combined with allTables/],
      [{ databaseName: 'Bad-Name' }, /'databaseName' is 'Bad-Name': Glue stores database names in lower case.*Write it in lower case, 'bad-name'/],
      [{ projectId: 'prj1' }, /pass exactly one of projectId and projectName/],
      [{ projectName: undefined }, /pass exactly one of projectId and projectName/],
      [{ projectRoleArn: 'datazone_usr_role_x' }, /'projectRoleArn' is 'datazone_usr_role_x': expected an IAM role ARN/],
    ])('given %j', (props, message) => {
      expect(() => product(producer(), props as any)).toThrow(message);
    });

    test('a named table does not exist in a database defined in the app', () => {
      const app = testApp();
      const stack = producer(app);
      new glue.CfnDatabase(stack, 'Db', { catalogId: '222222222222', databaseInput: { name: 'collections' } });
      new glue.CfnTable(stack, 'Birds', { catalogId: '222222222222', databaseName: 'collections', tableInput: { name: 'birds' } });
      product(stack);
      expect(() => app.synth()).toThrow(/'tableNames' names 'trees', which is not a table of database 'collections' defined in this app \(tables: birds\)/);
    });
  });
});
