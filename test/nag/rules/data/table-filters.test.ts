/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as datazone from 'aws-cdk-lib/aws-datazone';
import { couldNotEvaluate, NOT_KNOWN } from './data-rules.fixtures';
import { IndexedResource, MeshIndex } from '../../../../src/nag/mesh-index';
import { globMatches, includesTable, isLiteralName, TableFilter, tableFilters } from '../../../../src/nag/rules/data/table-filters';
import { testStack } from '../../../util';

/** The data source `DataSource` of `stack`, its Configuration written as given (`undefined`: none), as the index reads it. */
function source(configuration: unknown, stack: Stack = testStack()): IndexedResource {
  const dataSource = new datazone.CfnDataSource(stack, 'DataSource', { domainIdentifier: 'dzd_abc123', projectIdentifier: 'prj123', name: 'collections', type: 'GLUE' });
  if (configuration !== undefined) {
    dataSource.addPropertyOverride('Configuration', configuration);
  }
  return MeshIndex.build(stack).get(dataSource)!;
}

const glue = (...configurations: unknown[]) => ({ GlueRunConfiguration: { RelationalFilterConfigurations: configurations } });
const filter = (includes: unknown[], excludes: unknown[] = []): TableFilter => ({ database: 'collections', includes, excludes });

describe('tableFilters: the INCLUDE and EXCLUDE expressions of each database a data source imports', () => {
  test('reads each database with its include and exclude expressions, in order, and nothing else', () => {
    const dataSource = source(glue(
      {
        DatabaseName: 'collections',
        FilterExpressions: [
          { Type: 'INCLUDE', Expression: 'trees' },
          { Type: 'EXCLUDE', Expression: 'tmp_*' },
          { Type: 'INCLUDE', Expression: 'birds' },
          { Type: 'OTHER', Expression: 'fish' },
        ],
      },
      { DatabaseName: 'sightings' },
    ));
    expect(tableFilters(dataSource)).toEqual([
      { database: 'collections', includes: ['trees', 'birds'], excludes: ['tmp_*'] },
      { database: 'sightings', includes: [], excludes: [] },
    ]);
  });

  test('keeps an expression given by an intrinsic as it is written', () => {
    const stack = testStack();
    new CfnParameter(stack, 'Table', { type: 'String' });
    expect(tableFilters(source(glue({ DatabaseName: 'collections', FilterExpressions: [{ Type: 'INCLUDE', Expression: { Ref: 'Table' } }] }), stack)))
      .toEqual([{ database: 'collections', includes: [{ Ref: 'Table' }], excludes: [] }]);
  });

  test('is empty for a data source without a Configuration, without a GlueRunConfiguration, or without filter configurations', () => {
    expect(tableFilters(source(undefined))).toEqual([]);
    expect(tableFilters(source({ RedshiftRunConfiguration: { DataAccessRole: 'arn:aws:iam::111111111111:role/r' } }))).toEqual([]);
    expect(tableFilters(source({ GlueRunConfiguration: {} }))).toEqual([]);
  });

  test('cannot read filter configurations, filter expressions or an expression type given at deploy, naming which', () => {
    const stack = testStack();
    new CfnParameter(stack, 'Filters', { type: 'String' });
    expect(couldNotEvaluate(() => tableFilters(source({ GlueRunConfiguration: { RelationalFilterConfigurations: { Ref: 'Filters' } } }, stack))))
      .toBe(`could not evaluate: RelationalFilterConfigurations of DataSource (parameter Filters, no default) ${NOT_KNOWN}`);
    const expressions = testStack();
    new CfnParameter(expressions, 'Expressions', { type: 'String' });
    expect(couldNotEvaluate(() => tableFilters(source(glue({ DatabaseName: 'collections', FilterExpressions: { Ref: 'Expressions' } }), expressions))))
      .toBe(`could not evaluate: FilterExpressions of DataSource (parameter Expressions, no default) ${NOT_KNOWN}`);
    const type = testStack();
    new CfnParameter(type, 'Type', { type: 'String' });
    expect(couldNotEvaluate(() => tableFilters(source(glue({ DatabaseName: 'collections', FilterExpressions: [{ Type: { Ref: 'Type' }, Expression: 'trees' }] }), type))))
      .toBe(`could not evaluate: a filter Type of DataSource (parameter Type, no default) ${NOT_KNOWN}`);
  });

  test('cannot read a configuration without a database name, nor an empty (null) expression or configuration', () => {
    expect(couldNotEvaluate(() => tableFilters(source(glue({ FilterExpressions: [] })))))
      .toBe(`could not evaluate: a DatabaseName of DataSource ${NOT_KNOWN}`);
    expect(couldNotEvaluate(() => tableFilters(source(glue(null)))))
      .toBe(`could not evaluate: a DatabaseName of DataSource ${NOT_KNOWN}`);
    expect(couldNotEvaluate(() => tableFilters(source(glue({ DatabaseName: 'collections', FilterExpressions: [null] })))))
      .toBe(`could not evaluate: a filter Type of DataSource ${NOT_KNOWN}`);
  });
});

describe('includesTable: whether a filter imports a table', () => {
  const dataSource = source(undefined);

  test('includes every table when nothing is included, and the tables an expression matches', () => {
    expect(includesTable(filter([]), 'trees', dataSource)).toBe(true);
    expect(includesTable(filter(['birds', 'tr*']), 'trees', dataSource)).toBe(true);
    expect(includesTable(filter(['birds', 'fish']), 'trees', dataSource)).toBe(false);
  });

  test('leaves out a table any exclude expression matches, though it is included', () => {
    expect(includesTable(filter([], ['birds', 'tr*']), 'trees', dataSource)).toBe(false);
    expect(includesTable(filter(['trees'], ['tr*']), 'trees', dataSource)).toBe(false);
    expect(includesTable(filter(['trees'], ['birds']), 'trees', dataSource)).toBe(true);
  });

  test('cannot decide when an expression that decides it is given at deploy, naming the data source', () => {
    expect(couldNotEvaluate(() => includesTable(filter([{ Ref: 'Table' }]), 'trees', dataSource)))
      .toBe(`could not evaluate: a filter expression of DataSource ${NOT_KNOWN}`);
    expect(couldNotEvaluate(() => includesTable(filter([], [{ Ref: 'Table' }]), 'trees', dataSource)))
      .toBe(`could not evaluate: a filter expression of DataSource ${NOT_KNOWN}`);
  });
});

describe('isLiteralName: whether an expression names one table', () => {
  test('is true for a name without a wildcard, false for a wildcard or an intrinsic', () => {
    expect(isLiteralName('trees')).toBe(true);
    expect(isLiteralName('tr*')).toBe(false);
    expect(isLiteralName('*')).toBe(false);
    expect(isLiteralName({ Ref: 'Table' })).toBe(false);
  });
});

describe('globMatches: a table-name expression with the * wildcard', () => {
  test('matches the whole name, in any case', () => {
    expect(globMatches('trees', 'trees')).toBe(true);
    expect(globMatches('Trees', 'TREES')).toBe(true);
    expect(globMatches('trees', 'old_trees')).toBe(false);
    expect(globMatches('trees', 'trees_old')).toBe(false);
  });

  test('reads * as any characters, none included, anywhere in the expression', () => {
    expect(globMatches('tr*', 'tr')).toBe(true);
    expect(globMatches('tr*', 'trees')).toBe(true);
    expect(globMatches('*_old', 'trees_old')).toBe(true);
    expect(globMatches('t*s', 'trees')).toBe(true);
    expect(globMatches('t*s', 'treez')).toBe(false);
  });

  test('reads every other character literally', () => {
    for (const special of ['.', '+', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\']) {
      expect(globMatches(`a${special}b`, `a${special}b`)).toBe(true);
    }
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('a+b', 'aab')).toBe(false);
    expect(globMatches('a|b', 'a')).toBe(false);
    expect(globMatches('a{2}', 'aa')).toBe(false);
    expect(globMatches('[ab]', 'a')).toBe(false);
    expect(globMatches('(a)', 'a')).toBe(false);
    expect(globMatches('a^', 'a^')).toBe(true);
    expect(globMatches('a$', 'a$')).toBe(true);
  });
});
