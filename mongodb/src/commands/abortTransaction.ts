// abortTransaction: https://www.mongodb.com/docs/manual/reference/command/abortTransaction/
import type { CommandSpec } from '../core.ts';
import { abort } from '../sessions/commit.ts';
import { CommandError, errors } from '../errors.ts';

export const abortTransaction: CommandSpec = {
  name: 'abortTransaction',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('abortTransaction may only be run against the admin database.');
    const txn = inv.txn;
    if (!txn) throw errors.noSuchTransaction('no transaction in progress');
    if (txn.state === 'committed') throw new CommandError(256, 'TransactionCommitted', `Transaction with { txnNumber: ${txn.txnNumber} } has been committed.`);
    if (txn.state === 'aborted') throw errors.noSuchTransaction(`Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`);
    abort(txn);
    return {};
  },
};
