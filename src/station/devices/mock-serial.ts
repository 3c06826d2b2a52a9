import { SerialPortMock } from 'serialport';

type MockPortBinding = { write(buf: Buffer): Promise<void>; emitData(data: Buffer): void; isOpen: boolean };

let created = 0;

/** A fresh device path in serialport's mock binding (it keeps its ports in one process-wide table). */
export function createMockPortPath(name: string): string {
  created += 1;
  const path = `/dev/mock-${name}-${process.pid}-${created}`;
  SerialPortMock.binding.createPort(path, { record: true });
  return path;
}

/**
 * Lets the far end of a SerialPortMock see what the program writes and answer it. serialport's mock
 * binding records writes but has no hook for a device on the other side, so its write is wrapped.
 */
export function onMockPortWrite(port: SerialPortMock, onWrite: (chunk: Buffer, reply: (data: Buffer) => void) => void): void {
  const attach = () => {
    const binding = port.port as unknown as MockPortBinding | undefined;
    if (!binding) return;
    const write = binding.write.bind(binding);
    const reply = (data: Buffer) => {
      if (binding.isOpen) binding.emitData(data);
    };
    binding.write = async (buf: Buffer) => {
      await write(buf);
      onWrite(Buffer.from(buf), reply);
    };
  };
  if (port.isOpen) attach();
  else port.once('open', attach);
}
