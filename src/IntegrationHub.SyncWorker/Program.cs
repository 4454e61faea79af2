var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubRedis();
builder.Services.AddHealthChecks().AddHubInfrastructureChecks();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
