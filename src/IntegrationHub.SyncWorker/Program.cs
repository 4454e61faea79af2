using IntegrationHub.SyncWorker;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubRedis();
builder.AddSyncWorkerServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
public partial class Program;
