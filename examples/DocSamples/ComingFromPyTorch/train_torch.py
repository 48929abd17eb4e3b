# The PyTorch loop that TrainLoop.cs mirrors. Run: python3 train_torch.py
import torch
from torch import nn
from sklearn.datasets import make_blobs

torch.manual_seed(0)
centers = [[-2, 0], [2, 0], [0, 3]]
X, labels = make_blobs(150, centers=centers, random_state=0)
X = torch.tensor(X)            # float64, as AutoNet's default
y = torch.tensor(labels)       # int64 class indices

model = nn.Sequential(
    nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3)).double()
loss_function = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

for epoch in range(100):
    optimizer.zero_grad()
    loss = loss_function(model(X), y)
    loss.backward()
    optimizer.step()
    if epoch % 25 == 0 or epoch == 99:
        print(f"epoch {epoch}: loss {loss.item():.4f}")
