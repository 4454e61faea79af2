using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Core.Credentials.Embedded;

namespace IntegrationHub.Core.Tests.Credentials;

public class EnvelopeCipherTests
{
    private static readonly byte[] Master = MasterKeyRing.NewKey();
    private static readonly byte[] Aad = StoredSecret.AssociatedData("tenants/a/credential", 1);

    [Fact]
    public void Sealed_data_opens_to_the_original_and_hides_it()
    {
        var plaintext = Encoding.UTF8.GetBytes("refresh-token-AB12");
        var envelope = EnvelopeCipher.Seal(plaintext, Master, Aad);
        Assert.Equal(plaintext, EnvelopeCipher.Open(envelope, Master, Aad));
        Assert.DoesNotContain("refresh-token", Encoding.UTF8.GetString(envelope.Ciphertext));
    }

    [Fact]
    public void Every_seal_uses_a_fresh_data_key_and_nonce()
    {
        var a = EnvelopeCipher.Seal("same"u8, Master, Aad);
        var b = EnvelopeCipher.Seal("same"u8, Master, Aad);
        Assert.NotEqual(a.Ciphertext, b.Ciphertext);
        Assert.NotEqual(a.WrappedKey, b.WrappedKey);
    }

    [Fact]
    public void Tampering_with_any_part_is_detected()
    {
        var envelope = EnvelopeCipher.Seal("value"u8, Master, Aad);
        var flipped = (byte[])envelope.Ciphertext.Clone();
        flipped[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(envelope with { Ciphertext = flipped }, Master, Aad));
        var wrapped = (byte[])envelope.WrappedKey.Clone();
        wrapped[14] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(envelope with { WrappedKey = wrapped }, Master, Aad));
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(envelope with { Ciphertext = envelope.Ciphertext[..5] }, Master, Aad));
    }

    [Fact]
    public void A_row_moved_to_another_name_or_version_does_not_open()
    {
        var envelope = EnvelopeCipher.Seal("value"u8, Master, Aad);
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(envelope, Master, StoredSecret.AssociatedData("tenants/b/credential", 1)));
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(envelope, Master, StoredSecret.AssociatedData("tenants/a/credential", 2)));
    }

    [Fact]
    public void Rewrapping_moves_the_data_key_to_the_new_master_key_without_touching_the_ciphertext()
    {
        var envelope = EnvelopeCipher.Seal("value"u8, Master, Aad);
        var next = MasterKeyRing.NewKey();
        var rewrapped = envelope with { WrappedKey = EnvelopeCipher.Rewrap(envelope.WrappedKey, Master, next, Aad) };
        Assert.Equal("value"u8.ToArray(), EnvelopeCipher.Open(rewrapped, next, Aad));
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Open(rewrapped, Master, Aad));
    }

    [Fact]
    public void Key_ids_are_stable_and_do_not_reveal_the_key()
    {
        var ring = new MasterKeyRing([Master, MasterKeyRing.NewKey()]);
        Assert.Equal(MasterKeyRing.IdOf(Master), ring.CurrentId);
        Assert.Equal(16, ring.CurrentId.Length);
        Assert.DoesNotContain(ring.CurrentId, Convert.ToHexString(Master).ToLowerInvariant());
        Assert.Throws<InvalidOperationException>(() => new MasterKeyRing([new byte[16]]));
        Assert.Throws<CryptographicException>(() => ring.Get("0000000000000000"));
    }
}
