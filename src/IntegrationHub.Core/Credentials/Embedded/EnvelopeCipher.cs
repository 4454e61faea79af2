using System.Security.Cryptography;

namespace IntegrationHub.Core.Credentials.Embedded;

/// <summary>
/// Envelope encryption with AES-256-GCM: each secret gets a fresh random data key; the data key is itself
/// encrypted ("wrapped") by the master key. Rotating the master key re-wraps 60-byte data keys instead of
/// re-encrypting every secret. The associated data binds a ciphertext to its secret name and version, so rows
/// cannot be swapped between secrets.
/// </summary>
public static class EnvelopeCipher
{
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public sealed record Envelope(byte[] Ciphertext, byte[] WrappedKey);

    public static Envelope Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> dataKey = stackalloc byte[KeySize];
        RandomNumberGenerator.Fill(dataKey);
        try
        {
            return new Envelope(Encrypt(plaintext, dataKey, associatedData), Encrypt(dataKey, masterKey, associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public static byte[] Open(Envelope envelope, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> associatedData)
    {
        var dataKey = Decrypt(envelope.WrappedKey, masterKey, associatedData);
        try
        {
            return Decrypt(envelope.Ciphertext, dataKey, associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Moves a data key from one master key to another without touching the secret's ciphertext.</summary>
    public static byte[] Rewrap(byte[] wrappedKey, ReadOnlySpan<byte> oldMasterKey, ReadOnlySpan<byte> newMasterKey, ReadOnlySpan<byte> associatedData)
    {
        var dataKey = Decrypt(wrappedKey, oldMasterKey, associatedData);
        try
        {
            return Encrypt(dataKey, newMasterKey, associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Layout: nonce (12) | ciphertext | tag (16).</summary>
    private static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associatedData);
        return output;
    }

    private static byte[] Decrypt(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("Sealed data is truncated.");
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, plaintext.Length), sealedBytes[^TagSize..], plaintext, associatedData);
        return plaintext;
    }
}
