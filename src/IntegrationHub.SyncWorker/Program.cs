using IntegrationHub.SyncWorker.Workers;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubRedis();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<WorkerHeartbeat>();
builder.Services.AddHealthChecks().AddHubInfrastructureChecks();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
