using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// One-shot migrator: applies every EF Core migration, optionally seeds the demo tenant, then exits.
// Services never migrate at startup; the AppHost (or a deployment step) runs this first.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
if (args.Contains("--new-master-key")) return IntegrationHub.Migrator.SecretCommands.NewMasterKey(configuration);

var connectionString = configuration.GetConnectionString("hubdb");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Missing required setting ConnectionStrings__hubdb.");
    return 2;
}

var services = new ServiceCollection()
    .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
    .AddDbContext<HubDbContext>(o => o.UseHubDatabase(connectionString))
    .AddScoped<DemoSeeder>();
services.AddHubIdentityCore();
await using var provider = services.BuildServiceProvider();
await using var scope = provider.CreateAsyncScope();

var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
if (args.Contains("--rewrap-secrets")) return await IntegrationHub.Migrator.SecretCommands.RewrapAsync(db, configuration);
var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
await db.Database.MigrateAsync();
Console.WriteLine(pending.Count == 0 ? "Database schema is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
// Hangfire's tables (job queue, schedules) are installed here too, never by the services at startup.
await IntegrationHub.Core.Jobs.HangfireSchema.InstallAsync(connectionString, CancellationToken.None);
Console.WriteLine($"Job storage schema ready ({IntegrationHub.Core.Jobs.HangfireSchema.Version}).");

if (configuration.GetValue<bool>("seed-demo") || args.Contains("--seed-demo"))
{
    var password = configuration["Demo:Password"] is { Length: > 0 } p ? p : "demo-password-1";
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(password);
    Console.WriteLine($"Demo tenant ready: {DemoSeeder.OwnerEmail} (owner), {DemoSeeder.OperatorEmail} (operator).");
}
return 0;
