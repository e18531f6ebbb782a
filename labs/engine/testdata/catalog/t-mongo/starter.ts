export async function add(_name: string, _price: string): Promise<unknown> {
  return null;
}
