using IntegrationHub.Core.ApiKeys;

namespace IntegrationHub.Core.Tests.ApiKeys;

public class ApiKeyFormatTests
{
    [Fact]
    public void Generated_key_carries_its_prefix_and_verifies_against_its_hash()
    {
        var (key, prefix, hash) = ApiKeyFormat.Generate();
        Assert.StartsWith(prefix + "_", key);
        Assert.Equal(prefix, ApiKeyFormat.TryGetPrefix(key));
        Assert.True(ApiKeyFormat.Verify(key, hash));
        Assert.False(ApiKeyFormat.Verify(key + "x", hash));
    }

    [Fact]
    public void Two_keys_never_share_secret_or_prefix()
    {
        var a = ApiKeyFormat.Generate();
        var b = ApiKeyFormat.Generate();
        Assert.NotEqual(a.Key, b.Key);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer something")]
    [InlineData("ihk_short")]
    [InlineData("ihk_abcdefghij_toolongprefixsecretsecretsecret")]
    [InlineData("xyz_abcd1234_secretsecretsecretsecretsecret")]
    public void Malformed_keys_have_no_prefix(string? key) => Assert.Null(ApiKeyFormat.TryGetPrefix(key));
}
