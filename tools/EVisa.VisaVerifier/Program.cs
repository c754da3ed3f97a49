using EVisa.VisaVerifier;

return SealCheck.Run(args, Console.In, Console.Out, Console.Error);
