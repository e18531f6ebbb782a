// commitTransaction: https://www.mongodb.com/docs/manual/reference/command/commitTransaction/
// A retried commit of a committed transaction succeeds again; of an aborted one is 251.
import type { CommandSpec } from '../core.ts';
import { commit } from '../sessions/commit.ts';
import { errors } from '../errors.ts';

export const commitTransaction: CommandSpec = {
  name: 'commitTransaction',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('commitTransaction may only be run against the admin database.');
    const txn = inv.txn;
    if (!txn) throw errors.noSuchTransaction('no transaction in progress');
    if (txn.state === 'committed') return {};
    if (txn.state === 'aborted') throw errors.noSuchTransaction(`Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`);
    commit(inv.core, txn);
    return {};
  },
};
