Console.WriteLine("Migrator");
