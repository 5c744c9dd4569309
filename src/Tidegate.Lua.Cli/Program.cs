// Placeholder entry point until the runner lands (owned by the CLI work).
Console.Error.WriteLine("tidegate-lua: the runner is not built yet");
return 1;
