namespace IntegrationHub.Core.Credentials.Embedded;

/// <summary>One version of one secret, sealed by <see cref="EnvelopeCipher"/>. Nothing here is readable without a master key.</summary>
public sealed class StoredSecret
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; }
    public required byte[] Ciphertext { get; init; }
    public required byte[] WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Name and version are bound into the ciphertext, so a row copied under another name fails to decrypt.</summary>
    public static byte[] AssociatedData(string name, int version) => System.Text.Encoding.UTF8.GetBytes($"{name}\n{version}");
}
