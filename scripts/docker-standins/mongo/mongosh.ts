// `mongosh` for the health check @testcontainers/mongodb runs in the container
// (`mongosh [-u U -p P] --quiet --eval '<rs.initiate… until primary>'`): the emulator has no
// replica-set state to initiate, so the check's meaning, "this server is up and a writable
// primary", is asked directly with one OP_MSG hello
// (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/#op_msg).
// Exit 0 when it is, 1 otherwise; any --eval script is not run (this is not a shell).
import { connect } from 'node:net';
import { BSON } from 'bson';

const OP_MSG = 2013;

function helloMessage(): Buffer {
  const body = BSON.serialize({ hello: 1, $db: 'admin' });
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(1, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, body]);
}

function ask(port: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(helloMessage()));
    let data = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < data.readInt32LE(0)) return;
      socket.end();
      if (data.readInt32LE(12) !== OP_MSG) return reject(new Error(`unexpected opCode ${data.readInt32LE(12)}`));
      resolve(BSON.deserialize(data.subarray(21, data.readInt32LE(0))));
    });
  });
}

try {
  const hello = await ask(27017);
  if (hello.ok === 1 && hello.isWritablePrimary === true) process.exit(0);
  console.error(`not a writable primary: ${JSON.stringify(hello)}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
}
process.exit(1);
