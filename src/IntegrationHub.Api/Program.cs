using IntegrationHub.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubRedis();
builder.AddApiServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiEndpoints();
app.Run();

public partial class Program;
