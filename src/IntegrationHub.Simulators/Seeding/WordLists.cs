namespace IntegrationHub.Simulators.Seeding;

/// <summary>Word lists for realistic, deterministic demo data.</summary>
internal static class WordLists
{
    public static readonly string[] FirstNames =
    [
        "Amelia", "Oliver", "Isla", "Jack", "Ava", "Noah", "Mia", "Leo", "Grace", "Lucas", "Chloe", "Mason", "Ruby", "Ethan", "Zoe",
        "Liam", "Emily", "James", "Sophie", "Henry", "Hannah", "Samuel", "Ella", "Daniel", "Lily", "Matthew", "Aria", "Benjamin",
        "Harper", "Thomas", "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar", "Sofia", "Mateo", "Ingrid", "Lars", "Aroha", "Tane",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Williams", "Brown", "Taylor", "Wilson", "Johnson", "Martin", "Anderson", "Thompson", "Walker", "White", "Harris",
        "Clarke", "Robinson", "Wright", "Mitchell", "Patel", "Singh", "Chen", "Nguyen", "Kim", "Garcia", "Rossi", "Müller", "Novak",
        "O'Brien", "Kowalski", "Haddad", "Ngata", "Larsen", "Dubois", "Silva", "Murphy", "Campbell", "Stewart", "Fraser",
    ];

    public static readonly string[] CompanyFirst =
    [
        "Harbour", "Summit", "Kauri", "Bluebird", "Ironbark", "Silver Fern", "Northwind", "Coastal", "Granite", "Evergreen", "Pioneer",
        "Riverside", "Redwood", "Sunrise", "Meridian", "Atlas", "Beacon", "Cedar", "Horizon", "Lakeside", "Maple", "Orchard", "Pacific",
    ];

    public static readonly string[] CompanySecond =
    [
        "Logistics", "Consulting", "Rentals", "Builders", "Design", "Catering", "Engineering", "Landscaping", "Media", "Tutoring",
        "Plumbing", "Electrical", "Freight", "Studios", "Analytics", "Dental", "Veterinary", "Outfitters", "Coffee Roasters", "Labs",
    ];

    public static readonly string[] CompanySuffix = ["Ltd", "LLC", "Inc", "Co", "Group", "Partners", "& Sons", "Limited"];

    public static readonly string[] Streets =
    [
        "Queen Street", "High Street", "Main Street", "Station Road", "Church Lane", "Park Avenue", "Victoria Road", "Mill Lane",
        "Harbour View", "Elm Street", "Oak Drive", "Willow Way", "Market Square", "Kings Road", "Bridge Street", "Ponsonby Road",
    ];

    public static readonly (string City, string Region, string Country, string Currency)[] Places =
    [
        ("San Francisco", "CA", "USA", "USD"), ("Austin", "TX", "USA", "USD"), ("Denver", "CO", "USA", "USD"), ("Seattle", "WA", "USA", "USD"),
        ("Boston", "MA", "USA", "USD"), ("Auckland", "AUK", "New Zealand", "NZD"), ("Wellington", "WGN", "New Zealand", "NZD"),
        ("Sydney", "NSW", "Australia", "AUD"), ("Melbourne", "VIC", "Australia", "AUD"), ("London", "LND", "United Kingdom", "GBP"),
        ("Manchester", "MAN", "United Kingdom", "GBP"), ("Toronto", "ON", "Canada", "CAD"),
    ];

    public static readonly (string Name, decimal Price)[] Products =
    [
        ("Consulting hour", 150m), ("Design review", 420m), ("Equipment rental (day)", 95m), ("Site visit", 240m), ("Freight pallet", 180m),
        ("Training session", 650m), ("Support plan (month)", 299m), ("Installation", 780m), ("Maintenance call-out", 135m), ("Project setup", 1200m),
        ("Data migration", 2400m), ("Licence seat (year)", 480m), ("Workshop (half day)", 900m), ("Courier delivery", 35m), ("Storage (month)", 210m),
        ("Audit report", 1500m), ("Photography package", 850m), ("Translation (page)", 45m), ("Catering per head", 38m), ("Travel expenses", 260m),
    ];
}
