// The one libsodium binding OneWindow uses (sodium-native ships no types of its own).
declare module 'sodium-native' {
  /** Ed25519: true when `signature` (64 bytes) over `message` verifies under `publicKey` (32 raw bytes). */
  export function crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}
