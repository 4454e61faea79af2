using IntegrationHub.AppHost;

// Keeps Aspire's AppHost contract without Aspire: see Stack for the order of events.
if (!AppHostOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(AppHostOptions.Usage);
    return 2;
}
return await Stack.RunAsync(options);
