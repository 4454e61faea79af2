using IntegrationHub.AppHost;

namespace IntegrationHub.AppHost.Tests;

public sealed class SingleInstanceLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hub-lock-").FullName;

    [Fact]
    public void A_second_holder_is_refused_and_told_the_owner_pid_until_the_first_releases()
    {
        using (var first = SingleInstanceLock.TryAcquire(_dir, out _))
        {
            Assert.NotNull(first);
            Assert.Null(SingleInstanceLock.TryAcquire(_dir, out var owner));
            Assert.Equal(Environment.ProcessId.ToString(), owner);
        }
        using var again = SingleInstanceLock.TryAcquire(_dir, out _);
        Assert.NotNull(again);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
