from strategy_kit.cli import main

raise SystemExit(main())
