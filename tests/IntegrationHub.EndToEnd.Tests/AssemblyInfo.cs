// Each stack is six .NET processes; two at once on a 2-core CI machine would only make both slow and flaky.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
