using System.Security.Cryptography;

namespace IntegrationHub.Core.Credentials.Embedded;

/// <summary>
/// The master keys the embedded store may use: the first is current (new secrets and re-wraps use it), the
/// others are only for reading rows not yet re-wrapped during a rotation. A key's id is derived from the key
/// (first 8 bytes of its SHA-256), so ids never need configuring and never reveal the key.
/// </summary>
public sealed class MasterKeyRing
{
    private readonly Dictionary<string, byte[]> _keys;

    public MasterKeyRing(IReadOnlyList<byte[]> keys)
    {
        if (keys.Count == 0) throw new InvalidOperationException("At least one master key is required.");
        foreach (var key in keys)
        {
            if (key.Length != 32) throw new InvalidOperationException("Master keys must be 32 bytes (AES-256).");
        }
        _keys = keys.DistinctBy(IdOf).ToDictionary(IdOf, k => k);
        CurrentId = IdOf(keys[0]);
    }

    public string CurrentId { get; }
    public byte[] Current => _keys[CurrentId];
    public IReadOnlyCollection<string> Ids => _keys.Keys;

    public byte[] Get(string id) =>
        _keys.TryGetValue(id, out var key) ? key
            : throw new CryptographicException($"Master key {id} is not in the key ring; add it back to read secrets sealed with it.");

    public static string IdOf(byte[] key) => Convert.ToHexString(SHA256.HashData(key).AsSpan(0, 8)).ToLowerInvariant();

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);
}
