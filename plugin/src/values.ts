// Property values on the wire: google.protobuf.Struct, with Pulumi's special objects (secrets) inside,
// each keyed by a signature: https://www.pulumi.com/docs/iac/guides/building-extending/providers/implementers/protocol-reference/
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The key of Pulumi's special objects (secrets, assets, resource references) and a secret's value of it. */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Props)[SIG] === SECRET_SIG;
}

/** A value with every secret replaced by what it holds. */
export function reveal(v: unknown): unknown {
  if (isSecret(v)) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
  return v;
}

/** A value marked secret, as the engine reads it back. */
export function secret(value: unknown): Props {
  return { [SIG]: SECRET_SIG, value };
}

/** A Struct as plain JavaScript, secrets revealed (the resource implementations see plain values). */
export function fromStruct(s: Struct | undefined): Props {
  return s ? (reveal(s.toJavaScript()) as Props) : {};
}

/**
 * Plain JavaScript as a Struct. The implementations' values are JSON, but may hold `undefined` (an unset
 * optional field), which a Struct cannot: such keys are left out, as JSON would.
 */
export function toStruct(v: unknown): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(v ?? {})));
}
