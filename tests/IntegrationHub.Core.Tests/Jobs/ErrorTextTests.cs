using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Core.Tests.Jobs;

public class ErrorTextTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc.def-ghi_123 rejected", "abc.def")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl expired", "eyJhbGci")]
    [InlineData("POST body access_token=tok123&x=1", "tok123")]
    [InlineData("{\"client_secret\": \"s3cr3t\"}", "s3cr3t")]
    [InlineData("Host=db;Password=hunter2;Username=hub", "hunter2")]
    [InlineData("https://user:p4ss@api.example.com/v1 failed", "p4ss")]
    public void Credentials_in_messages_are_masked(string message, string secret)
    {
        var text = ErrorText.Sanitize(message);
        Assert.DoesNotContain(secret, text);
        Assert.Contains("***", text);
    }

    [Fact]
    public void Messages_are_bounded_and_described_with_their_type()
    {
        Assert.True(ErrorText.Sanitize(new string('x', 5000)).Length <= ErrorText.MaxLength + 1);
        Assert.Equal("TimeoutException: slow", ErrorText.Describe(new TimeoutException("slow")));
        Assert.Equal("Contact name missing", ErrorText.Describe(new ConnectorException(ErrorClass.Validation, "Contact name missing")));
    }
}
