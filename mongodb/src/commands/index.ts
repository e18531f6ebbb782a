// The core command set. Plugins add or replace commands through core.commands.register().
import type { CommandRegistry } from '../core.ts';
import { abortTransaction } from './abortTransaction.ts';
import { aggregate } from './aggregate.ts';
import { buildInfo } from './buildInfo.ts';
import { bulkWrite } from './bulkWrite.ts';
import { collMod } from './collMod.ts';
import { configureFailPoint } from './configureFailPoint.ts';
import { commitTransaction } from './commitTransaction.ts';
import { connectionStatus } from './connectionStatus.ts';
import { count } from './count.ts';
import { dbStats } from './dbStats.ts';
import { serverStatus } from './serverStatus.ts';
import { getCmdLineOpts, getLog, hostInfo, whatsmyuri } from './shellSupport.ts';
import { create } from './create.ts';
import { createIndexes } from './createIndexes.ts';
import { deleteCommand } from './delete.ts';
import { distinct } from './distinct.ts';
import { drop } from './drop.ts';
import { dropDatabase } from './dropDatabase.ts';
import { dropIndexes } from './dropIndexes.ts';
import { endSessions } from './endSessions.ts';
import { explain } from './explain.ts';
import { find } from './find.ts';
import { findAndModify } from './findAndModify.ts';
import { getMore } from './getMore.ts';
import { getParameter } from './getParameter.ts';
import { hello } from './hello.ts';
import { insert } from './insert.ts';
import { killAllSessions } from './killAllSessions.ts';
import { killCursors } from './killCursors.ts';
import { listCollections } from './listCollections.ts';
import { listDatabases } from './listDatabases.ts';
import { listIndexes } from './listIndexes.ts';
import { ping } from './ping.ts';
import { renameCollection } from './renameCollection.ts';
import { update } from './update.ts';

export const CORE_COMMANDS = [
  abortTransaction, aggregate, buildInfo, bulkWrite, collMod, configureFailPoint, commitTransaction, connectionStatus, count, create, createIndexes,
  deleteCommand, distinct, drop, dropDatabase, dropIndexes, endSessions, explain, find, findAndModify, getMore,
  getParameter, hello, insert, killAllSessions, killCursors, listCollections, listDatabases, listIndexes, ping,
  renameCollection, update, dbStats, serverStatus, whatsmyuri, getLog, getCmdLineOpts, hostInfo,
];

export function registerCoreCommands(registry: CommandRegistry): void {
  for (const c of CORE_COMMANDS) registry.register(c);
}
