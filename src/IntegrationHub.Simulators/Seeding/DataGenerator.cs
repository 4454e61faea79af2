using System.Globalization;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>A person or company with an address; the same seed always gives the same sequence.</summary>
public sealed record FakeParty(string DisplayName, string GivenName, string FamilyName, string CompanyName, string Email,
    string Phone, string Street, string City, string Region, string PostalCode, string Country, string Currency);

/// <summary>Deterministic realistic data from word lists (no external generator: the output must not change between versions).</summary>
public sealed class DataGenerator(int seed)
{
    private readonly Random _random = new(seed);
    private readonly HashSet<string> _usedNames = new(StringComparer.OrdinalIgnoreCase);

    public FakeParty Party()
    {
        var given = Pick(WordLists.FirstNames);
        var family = Pick(WordLists.LastNames);
        var company = $"{Pick(WordLists.CompanyFirst)} {Pick(WordLists.CompanySecond)} {Pick(WordLists.CompanySuffix)}";
        var name = _random.Next(3) == 0 ? $"{given} {family}" : company;
        var unique = name;
        for (var n = 2; !_usedNames.Add(unique); n++) unique = $"{name} ({n})";
        var place = Pick(WordLists.Places);
        var domain = new string(company.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(18).ToArray());
        return new FakeParty(unique, given, family, company, $"{given.ToLowerInvariant()}.{Ascii(family)}@{domain}.example", Phone(),
            $"{_random.Next(1, 400)} {Pick(WordLists.Streets)}", place.City, place.Region, _random.Next(1000, 99999).ToString(CultureInfo.InvariantCulture),
            place.Country, place.Currency);
    }

    public (string Name, decimal Price) Product(int index) => WordLists.Products[index % WordLists.Products.Length];

    public decimal Amount(decimal min, decimal max) => Math.Round(min + (decimal)_random.NextDouble() * (max - min), 2);

    public int Next(int max) => _random.Next(max);

    public int Next(int min, int max) => _random.Next(min, max);

    public DateTimeOffset DateWithin(DateTimeOffset end, int daysBack) =>
        new(end.UtcDateTime.Date.AddDays(-_random.Next(daysBack)), TimeSpan.Zero);

    public T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];

    private string Phone() => $"+1 {_random.Next(200, 999)}-{_random.Next(200, 999)}-{_random.Next(1000, 9999)}";

    private static string Ascii(string s) => new(s.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());
}
